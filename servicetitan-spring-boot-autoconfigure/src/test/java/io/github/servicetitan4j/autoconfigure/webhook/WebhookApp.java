package io.github.servicetitan4j.autoconfigure.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import io.github.servicetitan4j.webhook.WebhookEvent;
import io.github.servicetitan4j.webhook.WebhookHandler;

/**
 * A real Spring MVC application on a free port with the webhook endpoint, a handler bean and an event listener that
 * record what reached them, and an HTTP client that signs and sends deliveries to it.
 */
final class WebhookApp implements AutoCloseable {

	static final String KEY = "k".repeat(20) + "0123456789abcdef";

	static final String OLD_KEY = "o".repeat(20) + "fedcba9876543210";

	private static final HttpClient http = HttpClient.newHttpClient();

	final ConfigurableApplicationContext context;

	final int port;

	WebhookApp(String... properties) {
		this(List.of(), properties);
	}

	WebhookApp(List<Object> beans, String... properties) {
		this(List.of(), beans, properties);
	}

	/**
	 * @param sources configurations started beside the webhook endpoint, such as the client's auto-configuration
	 * @param beans singletons registered before the start
	 * @param properties the application's properties
	 */
	WebhookApp(List<Class<?>> sources, List<Object> beans, String... properties) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(App.class).sources(sources.toArray(Class<?>[]::new))
			.web(WebApplicationType.SERVLET)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"servicetitan.webhooks.enabled=true")
			.properties(properties);
		builder.initializers((context) -> beans.forEach((bean) -> context.getBeanFactory()
			.registerSingleton(bean.getClass().getName() + "#" + System.identityHashCode(bean), bean)));
		this.context = builder.run();
		this.port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	Recorder recorder() {
		return this.context.getBean(Recorder.class);
	}

	HttpResponse<String> send(String path, String body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.header("Content-Type", "application/json");
		headers.forEach(request::header);
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	HttpResponse<String> deliver(String body) {
		return send("/servicetitan/webhooks", body, Map.of("X-ServiceTitan-Signature", hex(KEY, body)));
	}

	static String event(String id, String type, String data) {
		return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"type\":\"" + type
				+ "\",\"time\":\"2026-12-04T10:15:30Z\",\"source\":\"servicetitan\",\"userassignedid\":\"sync\",\"data\":"
				+ data + "}";
	}

	static byte[] mac(String key, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String hex(String key, String body) {
		return java.util.HexFormat.of().formatHex(mac(key, body));
	}

	static String base64(String key, String body) {
		return java.util.Base64.getEncoder().encodeToString(mac(key, body));
	}

	@Override
	public void close() {
		this.context.close();
	}

	/** What the handler bean and the listener got; the handler runs a configurable action first. */
	static final class Recorder {

		final List<WebhookEvent> handled = new CopyOnWriteArrayList<>();

		final List<WebhookEvent> listened = new CopyOnWriteArrayList<>();

		volatile Consumer<WebhookEvent> action = (event) -> {
		};

	}

	static final class Listener {

		private final Recorder recorder;

		Listener(Recorder recorder) {
			this.recorder = recorder;
		}

		@EventListener
		void on(WebhookEvent event) {
			this.recorder.listened.add(event);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
			WebMvcAutoConfiguration.class, ServiceTitanWebhookAutoConfiguration.class })
	static class App {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

		@Bean
		WebhookHandler jobCompleted(Recorder recorder) {
			return WebhookHandler.of("tn.jpm.job-completed", (event) -> {
				recorder.action.accept(event);
				recorder.handled.add(event);
			});
		}

		@Bean
		Listener listener(Recorder recorder) {
			return new Listener(recorder);
		}

	}

}
