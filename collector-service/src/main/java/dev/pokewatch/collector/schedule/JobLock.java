package dev.pokewatch.collector.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * The one lock every job run holds, so that no two runs overlap: an exclusive lock on a
 * file ({@code data/scheduler.lock}), which also excludes any other process locking the
 * same file the same way (another scheduler, or a manual run through
 * {@code fcntl}/{@code lockf}). The holder writes its job and start time into the file,
 * so a refused trigger can say who is running.
 *
 * <p>
 * A file lock belongs to the whole JVM (a second {@code tryLock} in the same process
 * throws instead of failing), so an in-process lock is taken first.
 */
public class JobLock {

	private final Path file;

	// a semaphore rather than a lock: not reentrant, and not tied to the thread that took
	// it
	private final Semaphore inProcess = new Semaphore(1);

	// the holder in this process, known before its file write (a trigger refused in the
	// meantime still names it)
	private volatile String inProcessHolder;

	public JobLock(Path file) {
		this.file = file;
	}

	/**
	 * Takes the lock if it is free, without waiting.
	 * @param job the job that will run
	 * @param since when it starts
	 * @return the held lock, to close when the run ends, or empty when another run holds
	 * it
	 */
	public Optional<Held> tryAcquire(JobName job, Instant since) {
		if (!this.inProcess.tryAcquire()) {
			return Optional.empty();
		}
		String holder = job.id() + " " + since;
		this.inProcessHolder = holder;
		FileChannel channel = null;
		try {
			Files.createDirectories(this.file.toAbsolutePath().getParent());
			channel = FileChannel.open(this.file, StandardOpenOption.CREATE, StandardOpenOption.READ,
					StandardOpenOption.WRITE);
			FileLock lock = channel.tryLock();
			if (lock == null) {
				channel.close();
				releaseInProcess();
				return Optional.empty();
			}
			channel.truncate(0);
			channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
			channel.force(false);
			return Optional.of(new Held(channel, lock));
		}
		catch (IOException | OverlappingFileLockException ex) {
			closeQuietly(channel);
			releaseInProcess();
			if (ex instanceof IOException io) {
				throw new UncheckedIOException("Cannot lock " + this.file, io);
			}
			return Optional.empty();
		}
	}

	/**
	 * Who holds the lock, as its holder wrote it.
	 * @return {@code "<job> <start>"}, or {@code "unknown"} when the file says nothing
	 */
	public String holder() {
		String local = this.inProcessHolder;
		if (local != null) {
			return local;
		}
		try {
			String content = Files.readString(this.file).strip();
			return content.isEmpty() ? "unknown" : content;
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private void releaseInProcess() {
		this.inProcessHolder = null;
		this.inProcess.release();
	}

	private static void closeQuietly(FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// the lock is released with the channel either way
			}
		}
	}

	/**
	 * The lock while a run holds it.
	 */
	public final class Held implements AutoCloseable {

		private final FileChannel channel;

		private final FileLock lock;

		private Held(FileChannel channel, FileLock lock) {
			this.channel = channel;
			this.lock = lock;
		}

		@Override
		public void close() {
			try {
				// the file stays (deleting it would race with a process opening it to
				// lock);
				// emptied, it no longer names a holder
				this.channel.truncate(0);
				this.lock.release();
			}
			catch (IOException ex) {
				// closing the channel below releases the lock anyway
			}
			finally {
				closeQuietly(this.channel);
				releaseInProcess();
			}
		}

	}

}
