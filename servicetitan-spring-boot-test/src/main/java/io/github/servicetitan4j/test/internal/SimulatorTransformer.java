package io.github.servicetitan4j.test.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * The WireMock extension that turns WireMock into the simulator: the one catch-all stub names this transformer, and
 * every request it matches is answered by the {@link SimulatorEngine}.
 * <p>
 * The public no-argument constructor is what the {@code wiremock/wiremock} container uses
 * ({@code --extensions io.github.servicetitan4j.test.internal.SimulatorTransformer}); it reads its settings from
 * {@code servicetitan.simulator.*} system properties. In the JVM, {@code ServiceTitanSimulator} passes its own engine.
 */
public final class SimulatorTransformer implements ResponseDefinitionTransformerV2 {

	/** Name the catch-all stub refers to in its {@code transformers} list. */
	public static final String NAME = "servicetitan-simulator";

	private final SimulatorEngine engine;

	/** An engine configured by {@code servicetitan.simulator.*} system properties, for the WireMock container. */
	public SimulatorTransformer() {
		this(new SimulatorEngine(SimulatorSettings.fromSystemProperties()));
	}

	public SimulatorTransformer(SimulatorEngine engine) {
		this.engine = engine;
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		SimResponse response = this.engine.handle(toSimRequest(serveEvent.getRequest()));
		ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.responseDefinition()
			.withStatus(response.status())
			.withBody(response.body());
		for (Map.Entry<String, String> header : response.headers().entrySet()) {
			builder.withHeader(header.getKey(), header.getValue());
		}
		if (response.fault() != null) {
			builder.withFault(fault(response.fault()));
		}
		if (response.delayMillis() > 0) {
			builder.withFixedDelay((int) Math.min(Integer.MAX_VALUE, response.delayMillis()));
		}
		return builder.build();
	}

	/** The engine behind this transformer. */
	public SimulatorEngine engine() {
		return this.engine;
	}

	static SimRequest toSimRequest(Request request) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (HttpHeader header : request.getHeaders().all()) {
			headers.put(header.key(), new ArrayList<>(header.values()));
		}
		byte[] body = request.getBody();
		String origin = request.getScheme() + "://" + hostHeader(request);
		return new SimRequest(request.getMethod().getName(), request.getUrl(), headers,
				(body != null) ? body : new byte[0], origin);
	}

	private static String hostHeader(Request request) {
		String host = request.getHeader("Host");
		return (host != null && !host.isEmpty()) ? host : request.getHost() + ":" + request.getPort();
	}

	private static Fault fault(SimFault fault) {
		switch (fault) {
			case CONNECTION_RESET:
				return Fault.CONNECTION_RESET_BY_PEER;
			case EMPTY_RESPONSE:
				return Fault.EMPTY_RESPONSE;
			case TRUNCATED_BODY:
				return Fault.MALFORMED_RESPONSE_CHUNK;
			default:
				return Fault.RANDOM_DATA_THEN_CLOSE;
		}
	}

}
