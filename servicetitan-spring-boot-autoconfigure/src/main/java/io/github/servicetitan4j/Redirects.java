package io.github.servicetitan4j;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanRedirectException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

/**
 * The redirects the client follows itself, so that it decides what goes along: only a GET is followed, at most
 * {@link ServiceTitanRedirectException#MAX_HOPS} times, never to a location that is not HTTP nor from https down to http,
 * and the credentials (token and app key) go only to the origin of the request's own URI.
 */
final class Redirects {

	private static final Set<Integer> STATUSES = Set.of(301, 302, 303, 307, 308);

	private Redirects() {
	}

	/**
	 * Whether an answer is a redirect the client follows.
	 * @param request the request answered
	 * @param status the status of the answer
	 * @param location its {@code Location} header, or null
	 * @return whether to follow it
	 */
	static boolean isFollowed(ApiRequest request, int status, @Nullable String location) {
		return STATUSES.contains(status) && location != null && HttpMethod.GET.equals(request.method());
	}

	/**
	 * Where a redirect leads, checked.
	 * @param request the request redirected
	 * @param from the URI that answered with the redirect
	 * @param location the {@code Location} header
	 * @param hops redirects already followed
	 * @return the next URI
	 * @throws ServiceTitanRedirectException if it may not be followed
	 */
	static URI nextHop(ApiRequest request, URI from, String location, int hops) {
		URI next;
		try {
			next = from.resolve(location.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new ServiceTitanRedirectException(request.method() + " " + request.path()
					+ " was redirected to an unreadable location", from);
		}
		String scheme = (next.getScheme() != null) ? next.getScheme().toLowerCase(Locale.ROOT) : "";
		String where = scheme + "://" + next.getRawAuthority() + next.getRawPath();
		if (!scheme.equals("https") && !scheme.equals("http")) {
			throw new ServiceTitanRedirectException(request.method() + " " + request.path()
					+ " was redirected to a location that is not HTTP: " + where, next);
		}
		if ("https".equalsIgnoreCase(from.getScheme()) && scheme.equals("http")) {
			throw new ServiceTitanRedirectException(request.method() + " " + request.path()
					+ " was redirected from https to plain http (" + where + "); not followed", next);
		}
		if (hops >= ServiceTitanRedirectException.MAX_HOPS) {
			throw new ServiceTitanRedirectException(request.method() + " " + request.path() + " was redirected more than "
					+ ServiceTitanRedirectException.MAX_HOPS + " times (last to " + where + "); not followed", next);
		}
		return next;
	}

	/**
	 * Whether the credentials go to a URI: only to the origin of the request's own URI (the configured API root).
	 * @param request the request's own URI
	 * @param target where it is about to be sent
	 * @return whether the token and the app key go along
	 */
	static boolean carriesCredentials(URI request, URI target) {
		return sameOrigin(request, target);
	}

	static boolean sameOrigin(URI a, URI b) {
		return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null
				&& a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
	}

	private static int port(URI uri) {
		return (uri.getPort() != -1) ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

}
