package io.github.servicetitan4j;

import java.util.NoSuchElementException;

import io.github.servicetitan4j.ServiceTitanClientListener.CallDescriptor;
import io.github.servicetitan4j.errors.ServiceTitanException.ServiceTitanMappingException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A report page whose body was read whole and checked to be a complete envelope (its {@code fields} may follow its
 * rows). It is kept as bytes, far smaller than the records as trees, and parsed record by record when its turn comes.
 * Pages of a walk fetched ahead are not checked first: they are parsed once, when consumed ({@link StreamingBatch}).
 *
 * @param body the response body
 * @param envelope what the envelope said
 */
record BufferedPage(byte[] body, Envelope envelope) {

	/**
	 * Reads a body into memory and checks that it is a complete envelope.
	 * @param body the body
	 * @param records parses it
	 * @param call the call, for messages
	 * @return the page
	 * @throws JacksonException if the body is not complete JSON (a read failure, retried by the executor)
	 */
	static BufferedPage of(byte[] body, RecordMapper records, CallDescriptor call) {
		try (EnvelopeReader reader = records.envelope(body, call)) {
			return new BufferedPage(body, reader.drain());
		}
	}

	/**
	 * The page's records, parsed as the consumer advances.
	 * @param records parses the body
	 * @param call the call, for messages
	 * @return the records
	 */
	RecordBatch batch(RecordMapper records, CallDescriptor call) {
		EnvelopeReader reader = records.envelope(this.body, call);
		Envelope known = this.envelope;
		return new RecordBatch() {

			@Override
			public boolean hasNext() {
				try {
					return reader.hasNext();
				}
				catch (JacksonException ex) {
					throw unreadable(ex);
				}
			}

			@Override
			public JsonNode next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				try {
					return reader.next();
				}
				catch (JacksonException ex) {
					throw unreadable(ex);
				}
			}

			@Override
			public <T> T next(RecordDecoder<T> decoder, String batch, int index) {
				try {
					return reader.next(decoder, batch, index);
				}
				catch (JacksonException ex) {
					throw unreadable(ex);
				}
			}

			@Override
			public Envelope envelope() {
				return known;
			}

			@Override
			public void close() {
				reader.close();
			}

			private ServiceTitanMappingException unreadable(JacksonException ex) {
				// Cannot happen for a body that was checked whole; kept typed all the same.
				return new ServiceTitanMappingException("page " + known.page() + " of " + call.folder() + "/"
						+ call.endpoint() + " could not be read: " + ex.getOriginalMessage(), ex);
			}

		};
	}

}
