package io.github.servicetitan4j;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * A response body of the JDK HTTP client as the stream the client reads, in place of the JDK's own
 * {@code BodySubscribers.ofInputStream()}, which costs a hand-off between the client's thread and the reader for each
 * buffer it receives (it asks for one at a time). This one:
 * <ul>
 * <li>asks for {@value #WINDOW} buffers ahead of the reader, and for more once the reader has taken half of them;</li>
 * <li>fills a read of at least {@value #FILL_AT_LEAST} bytes (a body read whole into an array of its length) on the
 * HTTP client's thread, each buffer copied into the reader's array as it arrives: the reader waits once for the span,
 * not once per buffer, and nothing more is held than before;</li>
 * <li>bounds how long a read waits for the server's next bytes by the read timeout, each byte arriving starting it
 * again: a read that waits longer fails with an {@link HttpTimeoutException} and ends the exchange. Time the consumer
 * spends between reads never counts.</li>
 * </ul>
 * Failures read as the JDK's stream reports them: the exchange's failure as the cause of an {@code IOException}, an
 * interrupted read as an {@code IOException} with the interrupt kept.
 */
final class JdkResponseBody extends InputStream implements HttpResponse.BodySubscriber<InputStream> {

	/** Items (lists of buffers) asked for ahead of the reader. */
	static final int WINDOW = 8;

	/** Reads of at least this many bytes are filled on the HTTP client's thread. */
	static final int FILL_AT_LEAST = 128 * 1024;

	private final long timeoutNanos;

	private final Duration readTimeout;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	/** Items received and not yet read whole; the first may be read in part. */
	private final ArrayDeque<List<ByteBuffer>> items = new ArrayDeque<>();

	/** The buffer of the first item the reader is at. */
	private int headBuffer;

	/** Items read whole and not yet asked for again. */
	private int credits;

	private Flow.@Nullable Subscription subscription;

	private boolean complete;

	private @Nullable Throwable failed;

	private boolean closed;

	private boolean timedOut;

	/** The array a read being filled on the client's thread is copied into, or null. */
	private byte @Nullable [] target;

	private int targetAt;

	private int targetEnd;

	/** When the last item arrived. */
	private long lastArrival;

	private final byte[] single = new byte[1];

	JdkResponseBody(Duration readTimeout) {
		this.readTimeout = readTimeout;
		// A timeout too long for a long of nanoseconds (about 292 years) is as good as none.
		this.timeoutNanos = (readTimeout.compareTo(Duration.ofNanos(Long.MAX_VALUE)) < 0) ? readTimeout.toNanos()
				: Long.MAX_VALUE;
		this.lastArrival = System.nanoTime();
	}

	@Override
	public CompletionStage<InputStream> getBody() {
		return CompletableFuture.completedStage(this);
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		Objects.requireNonNull(subscription);
		boolean cancel;
		this.lock.lock();
		try {
			cancel = this.closed || this.subscription != null;
			if (!cancel) {
				this.subscription = subscription;
			}
		}
		finally {
			this.lock.unlock();
		}
		if (cancel) {
			subscription.cancel();
		}
		else {
			subscription.request(WINDOW);
		}
	}

	@Override
	public void onNext(List<ByteBuffer> item) {
		Objects.requireNonNull(item);
		Flow.Subscription again = null;
		this.lock.lock();
		try {
			this.lastArrival = System.nanoTime();
			if (this.closed || this.timedOut) {
				return;
			}
			byte[] into = this.target;
			if (into != null && this.items.isEmpty()) {
				int index = 0;
				while (index < item.size()) {
					ByteBuffer buffer = item.get(index);
					int length = Math.min(buffer.remaining(), this.targetEnd - this.targetAt);
					buffer.get(into, this.targetAt, length);
					this.targetAt += length;
					if (buffer.hasRemaining()) {
						break;
					}
					index++;
				}
				if (index < item.size()) {
					// The read is full: the rest waits for the next one.
					this.items.add(item);
					this.headBuffer = index;
				}
				else {
					again = this.subscription;
				}
				if (this.targetAt == this.targetEnd) {
					this.target = null;
					this.changed.signalAll();
				}
			}
			else {
				this.items.add(item);
				this.changed.signalAll();
			}
		}
		finally {
			this.lock.unlock();
		}
		if (again != null) {
			// Copied whole into the read being filled: ask for the next one at once.
			again.request(1);
		}
	}

	@Override
	public void onError(Throwable failure) {
		ended(Objects.requireNonNull(failure));
	}

	@Override
	public void onComplete() {
		ended(null);
	}

	/** The exchange has ended: complete, or failed with the given failure. */
	private void ended(@Nullable Throwable failure) {
		this.lock.lock();
		try {
			if (failure != null) {
				this.failed = failure;
			}
			else {
				this.complete = true;
			}
			this.subscription = null;
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public int read() throws IOException {
		int read = read(this.single, 0, 1);
		return (read == -1) ? -1 : this.single[0] & 0xFF;
	}

	@Override
	public int read(byte[] bytes, int offset, int length) throws IOException {
		Objects.checkFromIndexSize(offset, length, bytes.length);
		if (length == 0) {
			return 0;
		}
		this.lock.lock();
		try {
			int read = readQueued(bytes, offset, length);
			if (read == length || (read > 0 && length < FILL_AT_LEAST)) {
				return askedAgainAfter(read);
			}
			if (this.complete) {
				return (read > 0) ? read : -1;
			}
			boolean fill = length >= FILL_AT_LEAST;
			if (fill) {
				this.target = bytes;
				this.targetAt = offset + read;
				this.targetEnd = offset + length;
			}
			try {
				return awaitBytes(bytes, offset, length, fill);
			}
			finally {
				this.target = null;
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits for bytes: for any, or for the span being filled to be full (or the body to end). Called holding the lock,
	 * with nothing queued.
	 */
	private int awaitBytes(byte[] bytes, int offset, int length, boolean fill) throws IOException {
		long waitingSince = System.nanoTime();
		while (true) {
			if (fill) {
				if (this.target != null && !this.items.isEmpty()) {
					// Queued while the read was being set up (the client may deliver on this thread when asked).
					this.targetAt += readQueued(bytes, this.targetAt, this.targetEnd - this.targetAt);
					if (this.targetAt == this.targetEnd) {
						this.target = null;
					}
					continue;
				}
				int filled = this.targetAt - offset;
				if (filled > 0 && (this.target == null || this.complete || this.failed != null || this.closed
						|| this.timedOut)) {
					// What arrived before the end; a failure is reported by the next read.
					return filled;
				}
			}
			else if (!this.items.isEmpty()) {
				return askedAgainAfter(readQueued(bytes, offset, length));
			}
			failIfEnded();
			if (this.complete) {
				return -1;
			}
			if (this.credits > 0) {
				askAgain();
				continue;
			}
			// Since the later of the read's start and the last arrival, compared as nanoTime values must be.
			long since = (this.lastArrival - waitingSince > 0) ? this.lastArrival : waitingSince;
			long left = this.timeoutNanos - (System.nanoTime() - since);
			if (left <= 0) {
				this.timedOut = true;
				cancelUnlocked(release());
				throw timeoutException();
			}
			try {
				this.changed.awaitNanos(left);
			}
			catch (InterruptedException ex) {
				this.closed = true;
				cancelUnlocked(release());
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
		}
	}

	/** Cancels the exchange outside the lock (the client may call back on this thread). */
	private void cancelUnlocked(Flow.@Nullable Subscription open) {
		if (open == null) {
			return;
		}
		this.lock.unlock();
		try {
			open.cancel();
		}
		finally {
			this.lock.lock();
		}
	}

	/** Copies what is queued, up to the length asked for, counting the items read whole; never lets go of the lock. */
	private int readQueued(byte[] bytes, int offset, int length) throws IOException {
		if (this.closed || this.timedOut) {
			failIfEnded();
		}
		int read = 0;
		while (read < length && !this.items.isEmpty()) {
			List<ByteBuffer> head = this.items.peekFirst();
			while (this.headBuffer < head.size() && read < length) {
				ByteBuffer buffer = head.get(this.headBuffer);
				int take = Math.min(buffer.remaining(), length - read);
				buffer.get(bytes, offset + read, take);
				read += take;
				if (!buffer.hasRemaining()) {
					this.headBuffer++;
				}
			}
			if (this.headBuffer == head.size()) {
				this.items.removeFirst();
				this.headBuffer = 0;
				this.credits++;
			}
		}
		return read;
	}

	/** Asks again once half a window has been read whole. */
	private int askedAgainAfter(int read) {
		if (this.credits >= WINDOW / 2) {
			askAgain();
		}
		return read;
	}

	/** Asks for as many items as were read whole, outside the lock (the client may deliver on this thread). */
	private void askAgain() {
		Flow.Subscription open = this.subscription;
		int ask = this.credits;
		this.credits = 0;
		if (open == null || ask == 0) {
			return;
		}
		this.lock.unlock();
		try {
			open.request(ask);
		}
		finally {
			this.lock.lock();
		}
	}

	private void failIfEnded() throws IOException {
		if (this.timedOut) {
			throw timeoutException();
		}
		if (this.closed || this.failed != null) {
			throw new IOException("closed", this.failed);
		}
	}

	private HttpTimeoutException timeoutException() {
		return new HttpTimeoutException("no data from the server for " + this.readTimeout.toMillis()
				+ " ms (read timeout) while reading the response");
	}

	/** Drops what is queued and hands back the subscription to cancel, if the exchange is still under way. */
	private Flow.@Nullable Subscription release() {
		Flow.Subscription open = this.subscription;
		this.subscription = null;
		this.items.clear();
		this.headBuffer = 0;
		this.target = null;
		this.changed.signalAll();
		return open;
	}

	@Override
	public int available() throws IOException {
		this.lock.lock();
		try {
			if (this.closed || this.timedOut) {
				return 0;
			}
			long available = 0;
			int index = this.headBuffer;
			for (List<ByteBuffer> item : this.items) {
				for (int i = index; i < item.size(); i++) {
					available += item.get(i).remaining();
				}
				index = 0;
			}
			return (int) Math.min(available, Integer.MAX_VALUE);
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void close() throws IOException {
		Flow.Subscription open;
		this.lock.lock();
		try {
			if (this.closed) {
				return;
			}
			this.closed = true;
			open = release();
		}
		finally {
			this.lock.unlock();
		}
		if (open != null) {
			open.cancel();
		}
	}

}
