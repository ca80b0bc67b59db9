package com.leadloader.batch;

import com.leadloader.spec.JobSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The job parameters that identify a run: the spec's name (the job name), a fingerprint of the
 * source (file contents, or the query and its watermark) and the user's {@code --param}s. Running
 * the same spec on the same data again therefore restarts a failed run instead of starting over,
 * and there is deliberately no run-id incrementer (stack-notes.md).
 */
public final class RunIdentity {

    public static final String SOURCE = "source";
    public static final String SPEC_PATH = "spec.path";
    public static final String MAX_BAD_PERCENT = "max.bad.percent";
    public static final String DATASET = "target.dataset";
    public static final String WATERMARK_FROM = "watermark.from";
    /**
     * The execution a watermarked run continues from (identifying): each night's run is a run of its
     * own, even when the night before read nothing and left the watermark where it was.
     */
    public static final String WATERMARK_AFTER = "watermark.after";
    public static final String PARAM_PREFIX = "param.";
    /** {@code INDEX/COUNT} of a partitioned run (identifying: each partition is a run of its own). */
    public static final String PARTITION = "partition";

    private RunIdentity() {
    }

    /**
     * @param watermarkFrom  the high-water mark a watermarked run reads past, or null
     * @param watermarkAfter the execution that mark was left by, or null for a first run
     */
    public static JobParameters parameters(JobSpec spec, Map<String, String> params, List<Path> sourceFiles,
                                           String watermarkFrom, Long watermarkAfter, Path specPath) {
        JobParametersBuilder builder = new JobParametersBuilder();
        builder.addString(SOURCE, fingerprint(spec, sourceFiles, watermarkFrom), true);
        new TreeMap<>(params).forEach((k, v) -> builder.addString(PARAM_PREFIX + k, v, true));
        if (watermarkFrom != null) {
            builder.addString(WATERMARK_FROM, watermarkFrom, false);
        }
        if (watermarkAfter != null) {
            builder.addLong(WATERMARK_AFTER, watermarkAfter, true);
        }
        if (specPath != null) {
            builder.addString(SPEC_PATH, specPath.toAbsolutePath().toString(), false);
        }
        builder.addDouble(MAX_BAD_PERCENT, spec.validation().maxBadPercent(), false);
        return builder.toJobParameters();
    }

    private static String fingerprint(JobSpec spec, List<Path> sourceFiles, String watermarkFrom) {
        MessageDigest digest = sha256();
        if (spec.source().jdbc() != null) {
            digest.update(spec.source().jdbc().query().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update(String.valueOf(watermarkFrom).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "jdbc:" + HexFormat.of().formatHex(digest.digest()).substring(0, 32);
        }
        for (Path file : sourceFiles) {
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new com.leadloader.cli.UserError("cannot read " + file + ": " + e.getMessage());
            }
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
