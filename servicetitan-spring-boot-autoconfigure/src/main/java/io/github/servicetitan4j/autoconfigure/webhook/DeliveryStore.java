package io.github.servicetitan4j.autoconfigure.webhook;

import java.time.Instant;

/**
 * Remembers which event ids were handled, shared by every instance that uses the same store. An id is claimed before
 * its event is handled and marked done after; a failed handler releases it. A claim older than the claim timeout (its
 * instance died mid-handling) may be claimed again.
 */
interface DeliveryStore {

	/**
	 * Claims an event id for handling.
	 * @param id the event id
	 * @param token a value unique to this claim, to release or complete only one's own claim
	 * @param now the current time
	 * @return what became of the claim
	 */
	Claim claim(String id, String token, Instant now);

	/**
	 * Marks a claimed id as handled, remembered for the retention.
	 * @param id the event id
	 * @param token the claim's token
	 * @param now the current time
	 */
	void complete(String id, String token, Instant now);

	/**
	 * Releases a claim after a failed handling, so that a retry handles the event.
	 * @param id the event id
	 * @param token the claim's token
	 */
	void release(String id, String token);

	/**
	 * Forgets ids handled before a time.
	 * @param before the oldest completion kept
	 */
	void purge(Instant before);

	/** Outcomes of a claim. */
	enum Claim {

		/** This delivery handles the event. */
		CLAIMED,

		/** The event was handled already. */
		DONE,

		/** Another delivery of the event is being handled right now. */
		BUSY

	}

}
