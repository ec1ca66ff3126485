package io.github.servicetitan4j;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * The fields of one page of report rows, with what a row needs to read itself: where each field is, how to map a row
 * to a type, and what to name in messages.
 */
final class ReportColumns {

	private final List<Reports.Description.Field> fields;

	private final Map<String, Integer> exact = new HashMap<>();

	private final Map<String, Integer> ignoringCase = new HashMap<>();

	private final RecordMapper records;

	private final CallDescriptor call;

	ReportColumns(List<Reports.Description.Field> fields, RecordMapper records, CallDescriptor call) {
		this.fields = List.copyOf(fields);
		for (int i = 0; i < this.fields.size(); i++) {
			String name = this.fields.get(i).name();
			this.exact.putIfAbsent(name, i);
			this.ignoringCase.putIfAbsent(name.toLowerCase(Locale.ROOT), i);
		}
		this.records = records;
		this.call = call;
	}

	List<Reports.Description.Field> fields() {
		return this.fields;
	}

	/** Index of a field by name, matched exactly, else ignoring case; -1 when there is none. */
	int indexOf(String name) {
		Integer index = this.exact.get(name);
		if (index == null) {
			index = this.ignoringCase.get(name.toLowerCase(Locale.ROOT));
		}
		return (index != null) ? index : -1;
	}

	Reports.Description.@Nullable Field field(int index) {
		return (index >= 0 && index < this.fields.size()) ? this.fields.get(index) : null;
	}

	RecordMapper records() {
		return this.records;
	}

	CallDescriptor call() {
		return this.call;
	}

}
