package dev.pokewatch.training.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.pokewatch.common.served.ModelMetadata;
import dev.pokewatch.common.served.ServedFeaturesBinary;
import dev.pokewatch.common.served.ServedFeaturesCodec;
import dev.pokewatch.training.system.ModelFiles;
import dev.pokewatch.training.tracking.TrackedRun;

/**
 * Writes the candidate model directory ({@code features.parquet}, its binary companion
 * {@code features.bin}, {@code model_metadata.json} and, when tracked,
 * {@code tracking.json}) in a staging directory swapped in whole, so a reader never sees
 * a half-written candidate.
 */
final class CandidateDirectory {

	private CandidateDirectory() {
	}

	static void write(Path candidateDir, Supplier<Stream<ServedFeaturesCodec.Row>> features, ModelMetadata metadata,
			TrackedRun run) throws IOException {
		Path staged = ModelFiles.stage(candidateDir);
		try {
			ServedFeaturesCodec.write(staged.resolve(ModelMetadata.DEFAULT_FEATURES_FILE), features.get());
			// the same rows again for the serving API's fast start (a cache of the
			// Parquet
			// file, used only with this model version)
			ServedFeaturesBinary.write(staged.resolve(ServedFeaturesBinary.FILE_NAME), metadata.modelVersion(),
					features.get());
			ModelFiles.writeJson(staged.resolve(ModelMetadata.FILE_NAME), metadata);
			if (run != null) {
				ModelFiles.writeJson(staged.resolve(ModelFiles.TRACKING_FILE), tracking(run));
			}
			ModelFiles.replaceDirectory(staged, candidateDir);
		}
		finally {
			ModelFiles.deleteRecursively(staged);
		}
	}

	private static Map<String, String> tracking(TrackedRun run) {
		Map<String, String> tracking = new LinkedHashMap<>();
		tracking.put("run_id", run.runId());
		tracking.put("experiment_id", run.experimentId());
		tracking.put("artifact_uri", run.artifactUri());
		tracking.put("location", run.location());
		return tracking;
	}

}
