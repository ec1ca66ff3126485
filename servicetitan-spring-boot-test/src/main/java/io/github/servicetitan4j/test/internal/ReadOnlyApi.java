package io.github.servicetitan4j.test.internal;

/**
 * Resources the simulator only reads (crm locations, jpm appointments, accounting invoices): list and get.
 */
final class ReadOnlyApi {

	private ReadOnlyApi() {
	}

	static SimResponse handle(ApiCall call, RecordStore store) {
		if (!call.method().equals("GET")) {
			throw call.methodNotAllowed();
		}
		if (call.size() == 1) {
			return SimResponse.json(200, PagedQuery.of(call.request()).page(store.all()));
		}
		if (call.size() == 2) {
			return SimResponse.json(200, store.get(call.id(1)));
		}
		throw Problem.of(404, "Not Found");
	}

}
