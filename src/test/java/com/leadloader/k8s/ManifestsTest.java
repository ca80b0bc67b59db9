package com.leadloader.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Kubernetes manifests under k8s/ parse with the real Kubernetes model, render with the real
 * kustomize, and keep the properties leadloader relies on in a cluster (docs/kubernetes.md): one
 * nightly run at a time, retries that resume, a non-root read-only pod, secrets only from
 * Secrets, the heap sized from the container, and the image the Jib profile builds. The
 * mutation cases prove that a typo in any of these fails the build.
 */
class ManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final Path POM = Path.of("pom.xml");
    private static final Optional<Kustomize> KUSTOMIZE = Kustomize.find();
    private static final Map<String, List<HasMetadata>> ORIGINALS = new ConcurrentHashMap<>();

    @TempDir
    Path scratch;

    @Test
    void everyManifestParsesAndEveryKustomizationNamesFilesThatExist() {
        ManifestChecks checks = new ManifestChecks(K8S, POM, null);
        checks.checkFiles();
        checks.checkKustomizations();
        checks.checkSecretExamples();
        checks.checkJib(checks.jib());
        assertThat(checks.problems()).isEmpty();
    }

    @Test
    void everyOverlayRendersToAHardenedWorkload() throws IOException {
        ManifestChecks checks = renderedChecks(K8S, overlay -> true);
        assertThat(checks.problems()).isEmpty();
    }

    @Test
    void theOverlaysAreTheOnesTheDocsDescribe() {
        requireKustomize();
        ManifestChecks checks = new ManifestChecks(K8S, POM, KUSTOMIZE.get());
        assertThat(checks.overlays()).contains("nightly", "import", "rerun", "partitioned", "report");

        List<HasMetadata> nightly = checks.render("nightly");
        assertThat(nightly).filteredOn(CronJob.class::isInstance).singleElement()
                .satisfies(r -> assertThat(((CronJob) r).getSpec().getJobTemplate().getSpec().getTemplate().getSpec()
                        .getContainers().get(0).getArgs()).containsExactly("run", "/etc/leadloader/job.yml"));

        Job rerun = job(checks.render("rerun"));
        assertThat(rerun.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .containsExactly("rerun-failed", "$(LEADLOADER_EXECUTION)");
        assertThat(rerun.getSpec().getTemplate().getSpec().getVolumes())
                .anySatisfy(v -> assertThat(v.getConfigMap()).extracting("name").isEqualTo("leadloader-nightly-job"));

        Job partitioned = job(checks.render("partitioned"));
        assertThat(partitioned.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(partitioned.getSpec().getCompletions()).isGreaterThan(1);

        Job report = job(checks.render("report"));
        assertThat(report.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .startsWith("report", "$(LEADLOADER_EXECUTION)", "--out");
        assertThat(checks.problems()).isEmpty();
    }

    /** A typo or a weakened setting in a copy of k8s/ is caught, each by the check named. */
    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            overlays/nightly/cronjob.yaml           | concurrencyPolicy: Forbid | concurrencyPolicy: Allow            | concurrencyPolicy must be Forbid
            overlays/nightly/cronjob.yaml           | startingDeadlineSeconds:  | startingDeadlineSecond:             | unknown field(s) [startingDeadlineSecond]
            overlays/nightly/cronjob.yaml           | failedJobsHistoryLimit: 5 | failedJobsHistoryLimit: 0           | failedJobsHistoryLimit
            overlays/nightly/cronjob.yaml           | backoffLimit: 2           | backoffLimit: 10                    | backoffLimit (or backoffLimitPerIndex) must be 1 to 3
            overlays/nightly/cronjob.yaml           | kind: CronJob             | kind: CronJobs                      | unknown kind batch/v1/CronJobs
            overlays/nightly/kustomization.yaml     | - cronjob.yaml            | - cron-job.yaml                     | cron-job.yaml does not exist
            overlays/nightly/spec.yml                | watermark-column:         | watermark-colum:                    | watermark-colum
            overlays/import/job.yaml                | values: [2, 3, 5]         | values: [3, 5]                      | fail at once on exit code 2
            components/leadloader-pod/job-pod.yaml  | readOnlyRootFilesystem: true | readOnlyRootFilesystem: false    | readOnlyRootFilesystem must be true
            components/leadloader-pod/cronjob-pod.yaml | drop: [ALL]            | drop: [NET_RAW]                     | capabilities must drop ALL
            components/leadloader-pod/cronjob-pod.yaml | runAsUser: 1000        | runAsUser: 0                        | runAsUser must be the image's user 1000
            components/leadloader-pod/job-pod.yaml  | -XX:MaxRAMPercentage=75   | -Xmx512m                            | MaxRAMPercentage
            components/leadloader-pod/job-pod.yaml  | memory: 1Gi        # the  | memory: 512Mi      # the           | exceeds its limit
            components/leadloader-pod/job-pod.yaml  | name: leadloader-db       | name: leadloader-database           | names secret leadloader-database
            overlays/import/job.yaml                | args: [run, /etc/leadloader/job.yml] | args: [run, /etc/leadloader/job.yml]\\n          env:\\n            - name: CRM_DB_PASSWORD\\n              value: hunter2 | has a literal value
            overlays/import/job.yaml                | args: [run, /etc/leadloader/job.yml] | args: [run, /etc/leadloader/job.yml, --param, "pw=$(CONTACTNOW_PASSWORD)"] | carries a secret
            components/leadloader-pod/job-pod.yaml  | image: ghcr.io/leadloader/leadloader | image: ghcr.io/other/leadloader:1.0 | is not the repository the Jib profile builds
            overlays/partitioned/job.yaml           | completions: 4            | completions: 3                      | must be equal
            overlays/partitioned/job.yaml           | value: "4"                | value: "5"                          | LEADLOADER_PARTITION_COUNT must equal completions
            overlays/partitioned/job.yaml           | completionMode: Indexed   | completionMode: Indexd              | completionMode
            overlays/rerun/job.yaml                 | name: leadloader-nightly-job | name: leadloader-nightly-jobs    | names ConfigMap leadloader-nightly-jobs
            secrets/db.env.example                  | LEADLOADER_DB_PASSWORD=REPLACE_ME | LEADLOADER_DB_PASSWORD=s3cret | must be the placeholder
            """)
    void aMutatedManifestFails(String file, String from, String to, String expected) throws IOException {
        Path copy = scratch.resolve("k8s");
        copyTree(K8S, copy);
        Path target = copy.resolve(file);
        String text = Files.readString(target, StandardCharsets.UTF_8);
        assertThat(text).as("the text to mutate in %s", file).contains(from);
        Files.writeString(target, text.replace(from, to.replace("\\n", "\n")), StandardCharsets.UTF_8);

        ManifestChecks checks = new ManifestChecks(copy, POM, null);
        checks.checkFiles();
        checks.checkKustomizations();
        checks.checkSecretExamples();
        List<String> problems = checks.problems();
        if (problems.stream().noneMatch(p -> p.contains(expected))) {
            // Not visible in the files alone: render. A file inside one overlay changes only that
            // overlay's rendering; the others are taken from the unchanged k8s/.
            String only = file.startsWith("overlays/") ? file.split("/")[1] : null;
            problems = renderedChecks(copy, overlay -> only == null || only.equals(overlay)).problems();
        }
        assertThat(problems).anySatisfy(p -> assertThat(p).contains(expected));
    }

    /**
     * Every check, static and on every overlay rendered by kustomize.
     *
     * @param renderAnew the overlays to render from {@code k8s}; the others are those of k8s/ itself
     */
    private ManifestChecks renderedChecks(Path k8s, Predicate<String> renderAnew) throws IOException {
        requireKustomize();
        ManifestChecks checks = new ManifestChecks(k8s, POM, KUSTOMIZE.get());
        checks.checkFiles();
        checks.checkKustomizations();
        checks.checkSecretExamples();
        ManifestChecks.JibImage jib = checks.jib();
        checks.checkJib(jib);
        Map<String, List<HasMetadata>> rendered = new LinkedHashMap<>();
        Map<String, ConfigMap> configMaps = new LinkedHashMap<>();
        List<String> overlays = checks.overlays();
        // kustomize runs as a process per overlay: render them side by side.
        List<List<HasMetadata>> renders = overlays.parallelStream()
                .map(overlay -> renderAnew.test(overlay) ? checks.render(overlay) : original(overlay)).toList();
        for (int i = 0; i < overlays.size(); i++) {
            List<HasMetadata> resources = renders.get(i);
            rendered.put(overlays.get(i), resources);
            resources.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                    .forEach(c -> configMaps.put(c.getMetadata().getName(), c));
        }
        // Made by hand with kubectl create configmap (docs/kubernetes.md); optional for no pod.
        configMaps.put(ManifestChecks.EXECUTION_CONFIGMAP, new ConfigMap());
        Map<String, Set<String>> secrets = checks.secrets(Files.createTempDirectory(scratch, "secrets"));
        rendered.forEach((overlay, resources) -> checks.checkOverlay(overlay, resources, configMaps, secrets, jib));
        checks.checkJobSpecs(configMaps, Files.createTempDirectory(scratch, "specs"));
        return checks;
    }

    /** An overlay of k8s/ as kustomize renders it, rendered once for all the tests. */
    private static List<HasMetadata> original(String overlay) {
        return ORIGINALS.computeIfAbsent(overlay, o -> {
            ManifestChecks checks = new ManifestChecks(K8S, POM, KUSTOMIZE.orElseThrow());
            List<HasMetadata> resources = checks.render(o);
            assertThat(checks.problems()).as("k8s/overlays/%s as committed", o).isEmpty();
            return resources;
        });
    }

    /** Skips without kustomize on a developer's machine; CI (CI=true) must have it, so there it fails. */
    private static void requireKustomize() {
        if (KUSTOMIZE.isEmpty() && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI needs kustomize or kubectl on the PATH to render k8s/overlays");
        }
        assumeTrue(KUSTOMIZE.isPresent(), "no kustomize or kubectl on the PATH");
    }

    private static Job job(List<HasMetadata> resources) {
        return resources.stream().filter(Job.class::isInstance).map(Job.class::cast).findFirst().orElseThrow();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path dest = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
