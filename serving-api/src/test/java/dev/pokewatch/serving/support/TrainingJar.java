package dev.pokewatch.serving.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The packaged training jar ({@code training-service/target/training-service.jar}) loaded
 * into this JVM, so that its commands run many times without paying a JVM start each
 * time. serving-api does not depend on training-service (not even in tests: its main
 * artifact is the repackaged executable jar, whose classes a class path cannot read), so
 * the jar is unpacked and its classes and libraries get a class loader of their own whose
 * parent is the platform class loader: nothing of this application (Spring, Logback,
 * Jackson) is shared with it. Each {@link #run} is a whole launch of
 * {@code TrainingApplication}, Spring context included, exactly as {@code java -jar} runs
 * it, minus the exit.
 */
public final class TrainingJar implements AutoCloseable {

	private static final String APPLICATION = "dev.pokewatch.training.TrainingApplication";

	private final URLClassLoader loader;

	private final Method run;

	private final Properties systemProperties;

	private TrainingJar(URLClassLoader loader) throws ReflectiveOperationException {
		this.loader = loader;
		this.run = loader.loadClass(APPLICATION).getMethod("run", String[].class);
		// Spring Boot's logging writes LOG_FILE, CONSOLE_LOG_PATTERN and the like as JVM
		// system properties: put them back on close so that later tests start clean
		this.systemProperties = (Properties) System.getProperties().clone();
	}

	/**
	 * Unpacks the jar and loads it.
	 * @param jar the executable training jar
	 * @param workDir an empty directory to unpack into
	 * @return the loaded jar
	 */
	public static TrainingJar load(Path jar, Path workDir) {
		try {
			List<URL> urls = new ArrayList<>();
			Path classes = workDir.resolve("classes");
			try (JarFile file = new JarFile(jar.toFile())) {
				Enumeration<JarEntry> entries = file.entries();
				while (entries.hasMoreElements()) {
					JarEntry entry = entries.nextElement();
					String name = entry.getName();
					if (entry.isDirectory()) {
						continue;
					}
					if (name.startsWith("BOOT-INF/classes/")) {
						copy(file, entry, classes.resolve(name.substring("BOOT-INF/classes/".length())));
					}
					else if (name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar")) {
						Path lib = workDir.resolve("lib").resolve(name.substring("BOOT-INF/lib/".length()));
						copy(file, entry, lib);
						urls.add(url(lib));
					}
				}
			}
			urls.add(0, url(classes));
			return new TrainingJar(
					new URLClassLoader("training-jar", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(jar + " has no " + APPLICATION + ".run(String...)", ex);
		}
	}

	/**
	 * Runs one command, e.g. {@code validate --params params.yaml}, as
	 * {@code java -jar training-service.jar} would.
	 * @param args the command line
	 * @return the exit code
	 */
	public int run(String... args) {
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		// Spring resolves its factories and resources through the context class loader
		thread.setContextClassLoader(this.loader);
		try {
			return (int) this.run.invoke(null, (Object) args);
		}
		catch (InvocationTargetException ex) {
			throw new IllegalStateException("training " + String.join(" ", args) + " failed", ex.getCause());
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

	@Override
	public void close() throws IOException {
		this.loader.close();
		System.setProperties(this.systemProperties);
	}

	private static void copy(JarFile file, JarEntry entry, Path target) throws IOException {
		Files.createDirectories(target.getParent());
		try (InputStream in = file.getInputStream(entry)) {
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static URL url(Path path) throws MalformedURLException {
		return path.toUri().toURL();
	}

}
