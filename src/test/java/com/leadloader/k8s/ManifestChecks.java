package com.leadloader.k8s;

import com.leadloader.spec.JobSpecLoader;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Checks the Kubernetes manifests under {@code k8s/} against what leadloader needs to run safely
 * in a cluster, and collects every problem as one line naming the file or overlay and the field.
 * Files are parsed with fabric8's Kubernetes model; overlays are rendered with the real kustomize
 * when one is installed.
 */
final class ManifestChecks {

    static final String SPEC_DIR = "/etc/leadloader";
    static final String SPEC_FILE = SPEC_DIR + "/job.yml";
    static final String WORK_DIR = "/var/lib/leadloader";
    static final String CONTAINER = "leadloader";
    /** Environment variables every leadloader pod needs, each from a secret. */
    static final List<String> SECRET_ENV = List.of("CONTACTNOW_BASEURL", "CONTACTNOW_USERNAME", "CONTACTNOW_PASSWORD",
            "LEADLOADER_DB_URL", "LEADLOADER_DB_USER", "LEADLOADER_DB_PASSWORD");
    /** A ConfigMap created by hand (kubectl create configmap), named by overlays rerun and report. */
    static final String EXECUTION_CONFIGMAP = "leadloader-execution";
    private static final Pattern SECRET_LIKE = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|USERNAME|API_?KEY).*");
    private static final Set<String> KUSTOMIZATION_KEYS = Set.of("apiVersion", "kind", "resources", "components",
            "patches", "configMapGenerator", "secretGenerator", "generatorOptions", "images", "labels", "namespace",
            "namePrefix", "nameSuffix", "commonAnnotations", "replicas");
    private static final Set<Integer> NO_RETRY_EXIT_CODES = Set.of(2);
    /** Where components/inbox mounts the claim with the files that import jobs read. */
    static final String INBOX = "/srv/leadloader/inbox/";
    private static final Pattern INBOX_FILE_MISSING =
            Pattern.compile("\\.path: file '" + Pattern.quote(INBOX) + "[^']+' not found$");

    private final Path k8s;
    private final Path pom;
    private final Kustomize kustomize;
    private final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());

    ManifestChecks(Path k8s, Path pom, Kustomize kustomize) {
        this.k8s = k8s;
        this.pom = pom;
        this.kustomize = kustomize;
    }

    List<String> problems() {
        return problems;
    }

    // ---- checks that need no kustomize ----------------------------------------------------------

    /** Every manifest and patch parses as a known Kubernetes kind with no unknown field; no Secret is committed. */
    void checkFiles() {
        for (Path file : files(".yaml")) {
            if (file.getFileName().toString().equals("kustomization.yaml")) {
                continue;
            }
            for (HasMetadata resource : parse(rel(file), read(file))) {
                if (resource instanceof Secret) {
                    problem(rel(file), "a Secret is committed; secrets come from k8s/secrets/*.env (gitignored)"
                            + " or kubectl create secret");
                }
            }
        }
    }

    /** Each kustomization names files that exist and only keys kustomize knows. */
    void checkKustomizations() {
        YAMLMapper yaml = new YAMLMapper();
        for (Path file : files("kustomization.yaml")) {
            Path dir = file.getParent();
            Map<?, ?> kustomization = yaml.readValue(read(file), Map.class);
            for (Object key : kustomization.keySet()) {
                if (!KUSTOMIZATION_KEYS.contains(String.valueOf(key))) {
                    problem(rel(file), "unknown key '" + key + "'");
                }
            }
            for (String key : List.of("resources", "components")) {
                for (Object entry : list(kustomization.get(key))) {
                    mustExist(file, key, dir.resolve(String.valueOf(entry)));
                }
            }
            for (Object patch : list(kustomization.get("patches"))) {
                Object path = ((Map<?, ?>) patch).get("path");
                if (path != null) {
                    mustExist(file, "patches", dir.resolve(String.valueOf(path)));
                }
            }
            for (Object generator : list(kustomization.get("configMapGenerator"))) {
                for (Object entry : list(((Map<?, ?>) generator).get("files"))) {
                    String name = String.valueOf(entry);
                    mustExist(file, "configMapGenerator", dir.resolve(name.substring(name.indexOf('=') + 1)));
                }
            }
            for (Object generator : list(kustomization.get("secretGenerator"))) {
                if (((Map<?, ?>) generator).containsKey("literals")) {
                    problem(rel(file), "secretGenerator with literals puts secret values in git; use envs");
                }
                for (Object entry : list(((Map<?, ?>) generator).get("envs"))) {
                    // The real env file is gitignored; its committed example must exist.
                    mustExist(file, "secretGenerator", dir.resolve(entry + ".example"));
                }
            }
        }
    }

    /** The example secret files hold placeholders only, and the real ones are gitignored. */
    void checkSecretExamples() {
        Path secrets = k8s.resolve("secrets");
        Path gitignore = secrets.resolve(".gitignore");
        if (!Files.exists(gitignore) || read(gitignore).lines().noneMatch("*.env"::equals)) {
            problem(rel(gitignore), "must ignore *.env, the files holding real secret values");
        }
        for (Path example : files(".env.example")) {
            envFile(example).forEach((key, value) -> {
                if (SECRET_LIKE.matcher(key).matches() && !value.equals("REPLACE_ME")) {
                    problem(rel(example), key + " must be the placeholder REPLACE_ME, not a value");
                }
            });
        }
    }

    /** The image the Jib profile builds, as pom.xml configures it. */
    JibImage jib() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(pom.toFile());
            Element profile = null;
            for (Element p : children(doc.getDocumentElement(), "profiles", "profile")) {
                if ("image".equals(text(p, "id"))) {
                    profile = p;
                }
            }
            if (profile == null) {
                problem("pom.xml", "no profile 'image' (the Jib build)");
                return new JibImage("", "", "", "", "");
            }
            Element jib = null;
            for (Element plugin : children(profile, "build", "plugins", "plugin")) {
                if ("jib-maven-plugin".equals(text(plugin, "artifactId"))) {
                    jib = plugin;
                }
            }
            if (jib == null) {
                problem("pom.xml", "profile 'image' has no jib-maven-plugin");
                return new JibImage("", "", "", "", "");
            }
            Element configuration = child(jib, "configuration");
            Element container = child(configuration, "container");
            String image = text(child(profile, "properties"), "image");
            String to = text(child(configuration, "to"), "image");
            if (!"${image}".equals(to)) {
                problem("pom.xml", "jib <to><image> must be ${image}, so that -Dimage= chooses it");
            }
            return new JibImage(image, text(child(configuration, "from"), "image"), text(container, "user"),
                    text(container, "mainClass"), text(child(container, "environment"), "JAVA_TOOL_OPTIONS"));
        } catch (Exception e) {
            problem("pom.xml", "cannot read the Jib profile: " + e.getMessage());
            return new JibImage("", "", "", "", "");
        }
    }

    /** The Jib image runs leadloader as a non-root user, sized from the container. */
    void checkJib(JibImage jib) {
        if (!jib.from().startsWith("eclipse-temurin:17")) {
            problem("pom.xml", "jib base image must be a Java 17 runtime (eclipse-temurin:17-jre), not " + jib.from());
        }
        if (!jib.user().matches("[1-9][0-9]*(:[0-9]+)?")) {
            problem("pom.xml", "jib <user> must be a numeric non-root uid, not '" + jib.user() + "'");
        }
        try {
            Class.forName(jib.mainClass()).getMethod("main", String[].class);
        } catch (ReflectiveOperationException e) {
            problem("pom.xml", "jib <mainClass> " + jib.mainClass() + " is not a class with main()");
        }
        if (!jib.javaToolOptions().contains("-XX:MaxRAMPercentage=")) {
            problem("pom.xml", "jib <environment> JAVA_TOOL_OPTIONS must size the heap with -XX:MaxRAMPercentage");
        }
        if (jib.repository().isEmpty() || jib.image().endsWith(":latest")) {
            problem("pom.xml", "property 'image' must name a repository and a version tag, not " + jib.image());
        }
    }

    // ---- rendered overlays ----------------------------------------------------------------------

    /** Every overlay directory under k8s/overlays, by name. */
    List<String> overlays() {
        try (Stream<Path> dirs = Files.list(k8s.resolve("overlays"))) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The resources an overlay renders to, or none (and a problem) if kustomize refuses it. */
    List<HasMetadata> render(String overlay) {
        try {
            return parse("overlays/" + overlay + " (rendered)", kustomize.build(k8s.resolve("overlays").resolve(overlay)));
        } catch (Kustomize.RenderException e) {
            problem("overlays/" + overlay, e.getMessage());
            return List.of();
        }
    }

    /**
     * The secrets k8s/secrets generates, rendered from a copy whose env files are the committed
     * examples: name to keys.
     */
    Map<String, Set<String>> secrets(Path scratch) {
        try {
            Path copy = Files.createDirectories(scratch.resolve("secrets"));
            // Only the committed files: a developer's real *.env files stay where they are.
            Files.copy(k8s.resolve("secrets/kustomization.yaml"), copy.resolve("kustomization.yaml"));
            for (Path example : files(".env.example")) {
                String name = example.getFileName().toString();
                Files.copy(example, copy.resolve(name.substring(0, name.length() - ".example".length())));
            }
            Map<String, Set<String>> secrets = new LinkedHashMap<>();
            for (HasMetadata resource : parse("secrets (rendered)", kustomize.build(copy))) {
                if (resource instanceof Secret secret) {
                    secrets.put(secret.getMetadata().getName(), new TreeSet<>(secret.getData().keySet()));
                }
            }
            return secrets;
        } catch (Kustomize.RenderException e) {
            problem("secrets", e.getMessage());
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks one rendered overlay's workloads.
     *
     * @param configMaps every ConfigMap any overlay renders (rerun mounts the nightly's)
     * @param secrets    the secrets k8s/secrets makes, name to keys
     */
    void checkOverlay(String overlay, List<HasMetadata> resources, Map<String, ConfigMap> configMaps,
                      Map<String, Set<String>> secrets, JibImage jib) {
        String where = "overlays/" + overlay;
        List<HasMetadata> workloads = resources.stream().filter(r -> r instanceof Job || r instanceof CronJob).toList();
        if (workloads.isEmpty()) {
            problem(where, "renders no Job or CronJob");
        }
        for (HasMetadata resource : resources) {
            if (resource instanceof Secret) {
                problem(where, "renders a Secret; secrets are never part of an overlay");
            }
        }
        Set<String> claims = new TreeSet<>();
        resources.stream().filter(PersistentVolumeClaim.class::isInstance)
                .forEach(r -> claims.add(r.getMetadata().getName()));
        for (HasMetadata workload : workloads) {
            String at = where + ": " + workload.getKind() + " " + workload.getMetadata().getName();
            JobSpec job;
            if (workload instanceof CronJob cron) {
                checkCronJob(at, cron);
                job = cron.getSpec().getJobTemplate().getSpec();
            } else {
                job = ((Job) workload).getSpec();
            }
            checkJob(at, job);
            checkPod(at, job.getTemplate().getSpec(), configMaps, secrets, claims, jib);
            if ("Indexed".equals(job.getCompletionMode())) {
                checkIndexed(at, job);
            }
        }
    }

    private void checkCronJob(String at, CronJob cron) {
        var spec = cron.getSpec();
        if (!"Forbid".equals(spec.getConcurrencyPolicy())) {
            problem(at, "concurrencyPolicy must be Forbid (a second run would take over the first one's execution),"
                    + " not " + spec.getConcurrencyPolicy());
        }
        if (spec.getStartingDeadlineSeconds() == null || spec.getStartingDeadlineSeconds() <= 0) {
            problem(at, "startingDeadlineSeconds must be set");
        }
        if (spec.getSuccessfulJobsHistoryLimit() == null || spec.getSuccessfulJobsHistoryLimit() < 1) {
            problem(at, "successfulJobsHistoryLimit must keep at least one job");
        }
        if (spec.getFailedJobsHistoryLimit() == null || spec.getFailedJobsHistoryLimit() < 1) {
            problem(at, "failedJobsHistoryLimit must keep at least one failed job (its log says why)");
        }
        if (spec.getSchedule() == null || spec.getSchedule().trim().split("\\s+").length != 5) {
            problem(at, "schedule must be a five-field cron expression, not " + spec.getSchedule());
        }
    }

    private void checkJob(String at, JobSpec job) {
        Integer retries = job.getBackoffLimitPerIndex() != null ? job.getBackoffLimitPerIndex() : job.getBackoffLimit();
        if (retries == null || retries < 1 || retries > 3) {
            problem(at, "backoffLimit (or backoffLimitPerIndex) must be 1 to 3: a retry resumes the failed execution,"
                    + " a few are enough; was " + retries);
        }
        if (job.getCompletionMode() != null && !Set.of("NonIndexed", "Indexed").contains(job.getCompletionMode())) {
            problem(at, "completionMode must be Indexed or NonIndexed, not " + job.getCompletionMode());
        }
        if (job.getCompletions() != null && job.getCompletions() > 1 && !"Indexed".equals(job.getCompletionMode())) {
            problem(at, "completionMode must be Indexed when completions > 1: each pod loads its own partition");
        }
        if (!"Failed".equals(job.getPodReplacementPolicy())) {
            problem(at, "podReplacementPolicy must be Failed: a replacement pod must not start beside one still"
                    + " stopping");
        }
        List<String> args = container(job.getTemplate().getSpec()).map(Container::getArgs).orElse(List.of());
        boolean loads = !args.isEmpty() && !args.get(0).equals("report");
        if (loads) {
            Set<Integer> failFast = new TreeSet<>();
            if (job.getPodFailurePolicy() != null) {
                for (PodFailurePolicyRule rule : job.getPodFailurePolicy().getRules()) {
                    if (Set.of("FailJob", "FailIndex").contains(rule.getAction()) && rule.getOnExitCodes() != null
                            && "In".equals(rule.getOnExitCodes().getOperator())) {
                        failFast.addAll(rule.getOnExitCodes().getValues());
                    }
                }
            }
            if (!failFast.containsAll(NO_RETRY_EXIT_CODES)) {
                problem(at, "podFailurePolicy must fail at once on exit code 2 (configuration error: retrying cannot"
                        + " help)");
            }
        }
    }

    private void checkPod(String at, PodSpec pod, Map<String, ConfigMap> configMaps,
                          Map<String, Set<String>> secrets, Set<String> claims, JibImage jib) {
        if (!"Never".equals(pod.getRestartPolicy())) {
            problem(at, "restartPolicy must be Never (the Job retries with a new pod), not " + pod.getRestartPolicy());
        }
        if (pod.getTerminationGracePeriodSeconds() == null || pod.getTerminationGracePeriodSeconds() < 30) {
            problem(at, "terminationGracePeriodSeconds must give a chunk in flight time to finish (>= 30)");
        }
        if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
            problem(at, "automountServiceAccountToken must be false: leadloader never calls the Kubernetes API");
        }
        var podSecurity = pod.getSecurityContext();
        if (podSecurity == null || !Boolean.TRUE.equals(podSecurity.getRunAsNonRoot())) {
            problem(at, "securityContext.runAsNonRoot must be true");
        }
        String uid = jib.user().split(":")[0];
        if (podSecurity == null || podSecurity.getRunAsUser() == null
                || !String.valueOf(podSecurity.getRunAsUser()).equals(uid)) {
            problem(at, "securityContext.runAsUser must be the image's user " + uid);
        }
        if (pod.getContainers().size() != 1) {
            problem(at, "must run exactly one container, named " + CONTAINER);
        }
        Container container = container(pod).orElse(null);
        if (container == null) {
            problem(at, "has no container named " + CONTAINER);
            return;
        }
        String c = at + " container " + CONTAINER;
        var security = container.getSecurityContext();
        if (security == null) {
            problem(c, "has no securityContext");
        } else {
            if (!Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
                problem(c, "securityContext.readOnlyRootFilesystem must be true");
            }
            if (!Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
                problem(c, "securityContext.allowPrivilegeEscalation must be false");
            }
            if (security.getCapabilities() == null || !security.getCapabilities().getDrop().contains("ALL")
                    || !security.getCapabilities().getAdd().isEmpty()) {
                problem(c, "securityContext.capabilities must drop ALL and add none");
            }
            if (Boolean.TRUE.equals(security.getPrivileged())) {
                problem(c, "must not be privileged");
            }
        }
        SeccompProfile seccomp = security != null && security.getSeccompProfile() != null
                ? security.getSeccompProfile() : podSecurity == null ? null : podSecurity.getSeccompProfile();
        if (seccomp == null || !"RuntimeDefault".equals(seccomp.getType())) {
            problem(c, "seccompProfile must be RuntimeDefault");
        }
        checkResources(c, container);
        checkImage(c, container.getImage(), jib);
        checkEnv(c, container, secrets);
        checkCommand(c, container);
        checkVolumes(c, pod, container, configMaps, claims);
    }

    private void checkResources(String c, Container container) {
        var resources = container.getResources();
        for (String kind : List.of("cpu", "memory")) {
            Quantity request = resources == null ? null : resources.getRequests().get(kind);
            Quantity limit = resources == null ? null : resources.getLimits().get(kind);
            if (request == null || limit == null) {
                problem(c, "resources must set both a request and a limit for " + kind);
            } else if (request.getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
                problem(c, "resources: the " + kind + " request " + request + " exceeds its limit " + limit);
            }
        }
    }

    private void checkImage(String c, String image, JibImage jib) {
        if (image == null || !image.contains(":")) {
            problem(c, "image must name a tag, not " + image);
            return;
        }
        String repository = image.substring(0, image.lastIndexOf(':'));
        String tag = image.substring(image.lastIndexOf(':') + 1);
        if (!repository.equals(jib.repository())) {
            problem(c, "image " + image + " is not the repository the Jib profile builds (" + jib.repository() + ")");
        }
        if (tag.equals("latest")) {
            problem(c, "image must name a version, not latest");
        }
    }

    private void checkEnv(String c, Container container, Map<String, Set<String>> secrets) {
        Map<String, EnvVar> env = new LinkedHashMap<>();
        for (EnvVar var : container.getEnv()) {
            if (env.put(var.getName(), var) != null) {
                problem(c, "env " + var.getName() + " is set twice");
            }
            if (SECRET_LIKE.matcher(var.getName()).matches() && var.getValue() != null) {
                problem(c, "env " + var.getName() + " has a literal value; a secret comes from secretKeyRef");
            }
            if (var.getValue() != null && var.getValueFrom() != null) {
                problem(c, "env " + var.getName() + " has both value and valueFrom");
            }
            if (var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null) {
                var ref = var.getValueFrom().getSecretKeyRef();
                Set<String> keys = secrets.get(ref.getName());
                if (keys == null) {
                    problem(c, "env " + var.getName() + " names secret " + ref.getName()
                            + ", which k8s/secrets does not make (it makes " + secrets.keySet() + ")");
                } else if (!keys.contains(ref.getKey())) {
                    problem(c, "env " + var.getName() + ": secret " + ref.getName() + " has no key " + ref.getKey());
                }
            }
        }
        for (String name : SECRET_ENV) {
            EnvVar var = env.get(name);
            if (var == null || var.getValueFrom() == null || var.getValueFrom().getSecretKeyRef() == null) {
                problem(c, "env " + name + " must come from a secret (secretKeyRef)");
            }
        }
        for (var from : container.getEnvFrom()) {
            if (from.getSecretRef() != null && !secrets.containsKey(from.getSecretRef().getName())) {
                problem(c, "envFrom names secret " + from.getSecretRef().getName() + ", which k8s/secrets does not make");
            }
        }
        EnvVar jvm = env.get("JAVA_TOOL_OPTIONS");
        if (jvm == null || jvm.getValue() == null || !jvm.getValue().contains("-XX:MaxRAMPercentage=")) {
            problem(c, "env JAVA_TOOL_OPTIONS must size the heap from the container: -XX:MaxRAMPercentage=...");
        }
    }

    private void checkCommand(String c, Container container) {
        if (!container.getCommand().isEmpty()) {
            problem(c, "must not set command: the image's entrypoint is leadloader; give args only");
        }
        List<String> args = container.getArgs();
        if (args.isEmpty() || !Set.of("run", "rerun-failed", "report").contains(args.get(0))) {
            problem(c, "args must start with a leadloader command (run, rerun-failed, report), not " + args);
            return;
        }
        for (String arg : args) {
            if (SECRET_LIKE.matcher(arg).matches() || SECRET_ENV.stream().anyMatch(arg::contains)) {
                problem(c, "argument '" + arg + "' carries a secret; secrets are passed as environment variables only");
            }
        }
        if (args.get(0).equals("run") && (args.size() < 2 || !args.get(1).equals(SPEC_FILE))) {
            problem(c, "run must read the mounted spec: args [run, " + SPEC_FILE + ", ...], not " + args);
        }
    }

    private void checkVolumes(String c, PodSpec pod, Container container, Map<String, ConfigMap> configMaps,
                              Set<String> claims) {
        Map<String, Volume> volumes = new LinkedHashMap<>();
        pod.getVolumes().forEach(v -> volumes.put(v.getName(), v));
        Map<String, VolumeMount> mounts = new LinkedHashMap<>();
        for (VolumeMount mount : container.getVolumeMounts()) {
            mounts.put(mount.getMountPath(), mount);
            Volume volume = volumes.get(mount.getName());
            if (volume == null) {
                problem(c, "mounts volume " + mount.getName() + ", which the pod does not declare");
                continue;
            }
            if (volume.getConfigMap() != null && !configMaps.containsKey(volume.getConfigMap().getName())
                    && !Boolean.TRUE.equals(volume.getConfigMap().getOptional())) {
                problem(c, "volume " + volume.getName() + " names ConfigMap " + volume.getConfigMap().getName()
                        + ", which no overlay makes");
            }
            if (volume.getPersistentVolumeClaim() != null
                    && !claims.contains(volume.getPersistentVolumeClaim().getClaimName())) {
                problem(c, "volume " + volume.getName() + " names claim "
                        + volume.getPersistentVolumeClaim().getClaimName() + ", which the overlay does not make");
            }
        }
        for (Volume volume : volumes.values()) {
            if (container.getVolumeMounts().stream().noneMatch(m -> m.getName().equals(volume.getName()))) {
                problem(c, "volume " + volume.getName() + " is declared but not mounted");
            }
        }
        writable(c, "/tmp", mounts, volumes);
        writable(c, WORK_DIR, mounts, volumes);
        if (!WORK_DIR.equals(container.getWorkingDir())) {
            problem(c, "workingDir must be " + WORK_DIR + " (writable; report --out lands there)");
        }
        VolumeMount spec = mounts.get(SPEC_DIR);
        if (spec == null) {
            problem(c, "must mount the job spec at " + SPEC_DIR);
            return;
        }
        if (!Boolean.TRUE.equals(spec.getReadOnly())) {
            problem(c, "the job spec mount " + SPEC_DIR + " must be read-only");
        }
        Volume volume = volumes.get(spec.getName());
        if (volume != null && volume.getConfigMap() != null && !"report".equals(container.getArgs().get(0))) {
            ConfigMap configMap = configMaps.get(volume.getConfigMap().getName());
            if (configMap != null && !configMap.getData().containsKey("job.yml")) {
                problem(c, "ConfigMap " + configMap.getMetadata().getName() + " has no key job.yml, so "
                        + SPEC_FILE + " will not exist");
            }
        } else if (volume != null && !"report".equals(container.getArgs().get(0))) {
            problem(c, SPEC_DIR + " must be a ConfigMap holding job.yml");
        }
    }

    private void writable(String c, String path, Map<String, VolumeMount> mounts, Map<String, Volume> volumes) {
        VolumeMount mount = mounts.get(path);
        Volume volume = mount == null ? null : volumes.get(mount.getName());
        if (volume == null || Boolean.TRUE.equals(mount.getReadOnly())
                || (volume.getEmptyDir() == null && volume.getPersistentVolumeClaim() == null)) {
            problem(c, path + " must be a writable emptyDir or claim (the root filesystem is read-only)");
        }
    }

    private void checkIndexed(String at, JobSpec job) {
        Container container = container(job.getTemplate().getSpec()).orElse(null);
        if (container == null) {
            return;
        }
        if (!Objects.equals(job.getCompletions(), job.getParallelism())) {
            problem(at, "completions (" + job.getCompletions() + ") and parallelism (" + job.getParallelism()
                    + ") must be equal: one pod per partition, all at once");
        }
        Map<String, EnvVar> env = new LinkedHashMap<>();
        container.getEnv().forEach(v -> env.put(v.getName(), v));
        EnvVar index = env.get("LEADLOADER_PARTITION_INDEX");
        if (index == null || index.getValueFrom() == null || index.getValueFrom().getFieldRef() == null
                || !"metadata.annotations['batch.kubernetes.io/job-completion-index']"
                .equals(index.getValueFrom().getFieldRef().getFieldPath())) {
            problem(at, "env LEADLOADER_PARTITION_INDEX must come from the annotation"
                    + " batch.kubernetes.io/job-completion-index (downward API)");
        }
        EnvVar count = env.get("LEADLOADER_PARTITION_COUNT");
        if (count == null || !String.valueOf(job.getCompletions()).equals(count.getValue())) {
            problem(at, "env LEADLOADER_PARTITION_COUNT must equal completions (" + job.getCompletions() + "), was "
                    + (count == null ? "unset" : count.getValue()));
        }
        List<String> args = container.getArgs();
        int option = args.indexOf("--partition");
        if (option < 0 || option + 1 >= args.size()
                || !args.get(option + 1).equals("$(LEADLOADER_PARTITION_INDEX)/$(LEADLOADER_PARTITION_COUNT)")) {
            problem(at, "args must pass --partition $(LEADLOADER_PARTITION_INDEX)/$(LEADLOADER_PARTITION_COUNT)"
                    + " (the loader's partition contract), not " + args);
        }
    }

    /** Every job spec a rendered ConfigMap carries loads and validates as a leadloader spec. */
    void checkJobSpecs(Map<String, ConfigMap> configMaps, Path scratch) {
        for (ConfigMap configMap : configMaps.values()) {
            String spec = configMap.getData().get("job.yml");
            if (spec == null) {
                continue;
            }
            try {
                Path file = Files.createDirectories(scratch.resolve(configMap.getMetadata().getName())).resolve("job.yml");
                Files.writeString(file, spec, StandardCharsets.UTF_8);
                JobSpecLoader.load(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                // Source files live in the inbox claim, which exists only in the cluster.
                String rest = e.getMessage().lines().filter(line -> !INBOX_FILE_MISSING.matcher(line).find())
                        .collect(Collectors.joining("\n"));
                if (!rest.isBlank()) {
                    problem("ConfigMap " + configMap.getMetadata().getName() + " job.yml", rest);
                }
            }
        }
    }

    // ---- parsing --------------------------------------------------------------------------------

    /** Parses a YAML stream with fabric8: every document must be a known kind with only known fields. */
    List<HasMetadata> parse(String where, String yaml) {
        List<HasMetadata> resources = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
                continue;
            }
            Object parsed;
            try {
                parsed = Serialization.unmarshal(document);
            } catch (RuntimeException e) {
                problem(where, "not a Kubernetes resource: " + e.getMessage());
                continue;
            }
            if (parsed instanceof GenericKubernetesResource generic) {
                problem(where, "unknown kind " + generic.getApiVersion() + "/" + generic.getKind()
                        + (generic.getMetadata() == null ? "" : " (" + generic.getMetadata().getName() + ")"));
            } else if (parsed instanceof HasMetadata resource) {
                unknownFields(resource, resource.getKind() + " " + resource.getMetadata().getName(), where);
                resources.add(resource);
            } else {
                problem(where, "not a Kubernetes resource: " + parsed);
            }
        }
        return resources;
    }

    /**
     * fabric8 keeps a field its model does not know in additionalProperties instead of failing; a
     * typo such as {@code concurencyPolicy} lands there, so any such field is a problem.
     */
    private void unknownFields(Object node, String path, String where) {
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", where);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, where));
            return;
        }
        if (!(node instanceof KubernetesResource)) {
            return;
        }
        for (Method method : node.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
                    || !method.getName().startsWith("get")) {
                continue;
            }
            boolean model = KubernetesResource.class.isAssignableFrom(method.getReturnType())
                    || Collection.class.isAssignableFrom(method.getReturnType())
                    || Map.class.isAssignableFrom(method.getReturnType());
            if (!model) {
                continue;
            }
            Object value;
            try {
                value = method.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (method.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problem(where, path + ": unknown field(s) " + extra.keySet());
                }
            } else {
                String field = Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4);
                unknownFields(value, path + "." + field, where);
            }
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static java.util.Optional<Container> container(PodSpec pod) {
        return pod == null ? java.util.Optional.empty()
                : pod.getContainers().stream().filter(c -> CONTAINER.equals(c.getName())).findFirst();
    }

    private List<Path> files(String suffix) {
        try (Stream<Path> walk = Files.walk(k8s)) {
            // k8s/grafana belongs to the metrics work and is not leadloader's workload.
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !k8s.relativize(p).startsWith("grafana"))
                    .filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void mustExist(Path kustomization, String key, Path target) {
        if (!Files.exists(target)) {
            problem(rel(kustomization), key + ": " + k8s.relativize(target.normalize()) + " does not exist");
        }
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    private static Map<String, String> envFile(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : read(file).lines().toList()) {
            if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
                values.put(line.substring(0, line.indexOf('=')).trim(), line.substring(line.indexOf('=') + 1).trim());
            }
        }
        return values;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String rel(Path file) {
        return k8s.relativize(file).toString();
    }

    private void problem(String where, String what) {
        problems.add(where + ": " + what);
    }

    private static List<Element> children(Element parent, String... path) {
        List<Element> current = parent == null ? List.of() : List.of(parent);
        for (String name : path) {
            List<Element> next = new ArrayList<>();
            for (Element e : current) {
                for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element child && child.getTagName().equals(name)) {
                        next.add(child);
                    }
                }
            }
            current = next;
        }
        return current;
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? "" : e.getTextContent().trim();
    }

    /** The image pom.xml's Jib profile builds. */
    record JibImage(String image, String from, String user, String mainClass, String javaToolOptions) {

        /** The image without its tag. */
        String repository() {
            int slash = image.lastIndexOf('/');
            int colon = image.lastIndexOf(':');
            return colon > slash ? image.substring(0, colon) : image;
        }
    }
}
