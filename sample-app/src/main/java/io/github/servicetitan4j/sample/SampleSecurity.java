package io.github.servicetitan4j.sample;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what over HTTP. {@code POST /api/jobs} books real jobs in a ServiceTitan tenant and {@code POST /api/sync}
 * spends its rate limit, so both need the {@code OPERATOR} role; reading what was synced (customer names and
 * addresses) needs a signed-in user; the health status is public, its details (which name the tenant and the auth
 * server's answer) are shown to operators only ({@code management.endpoint.health.show-details: when-authorized}),
 * and every other actuator endpoint needs an operator. Users sign in with HTTP Basic; the user is Boot's
 * {@code spring.security.user.*} (name, password, roles), so the credentials come from configuration, such as the
 * {@code SPRING_SECURITY_USER_PASSWORD} environment variable. ServiceTitan's webhook deliveries are open to all: the
 * starter refuses those without a valid signature.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SampleSecurity {

	static final String OPERATOR = "OPERATOR";

	@Bean
	SecurityFilterChain sampleSecurityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class))
			.permitAll()
			.requestMatchers(EndpointRequest.toAnyEndpoint())
			.hasRole(OPERATOR)
			.requestMatchers(HttpMethod.GET, "/api/**")
			.authenticated()
			.requestMatchers("/api/**")
			.hasRole(OPERATOR)
			// ServiceTitan signs its webhook deliveries: the starter checks the signature, there is no user to sign in
			.requestMatchers(HttpMethod.POST, "/servicetitan/webhooks", "/servicetitan/webhooks/*")
			.permitAll()
			.anyRequest()
			.denyAll())
			.httpBasic(Customizer.withDefaults())
			// A JSON API for scripts and other services, signed in on every request: no session, no CSRF cookie to ride.
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

}
