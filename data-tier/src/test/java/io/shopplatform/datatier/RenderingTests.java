package io.shopplatform.datatier;

import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.model.Environment;
import io.shopplatform.model.Shop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The cluster's files and the local runner's are one rendering: scripts byte for byte, configuration files
 * differing only in lines that name an address, a port, a path or the repository. What the tests here execute
 * locally is therefore what the cluster runs.
 */
class RenderingTests {

    private static final Sizing DEV = Sizing.of(Shop.PLATFORM, Environment.DEV);
    private static final DataTierFiles CLUSTER = new DataTierFiles(DEV, Topologies.cluster(DEV));
    private static final DataTierFiles LOCAL = new DataTierFiles(DEV, Topologies.local(DEV));

    /** Keys whose values are placement: addresses, ports, paths, the repository, who may connect. */
    private static final Pattern PLACEMENT = Pattern.compile(
            "(backend_hostname|backend_port|hostname|wd_port|pgpool_port|heartbeat_hostname|heartbeat_port)\\d+"
                    + "|pg\\d+-(host|host-port|host-config|path|port|socket-path)"
                    + "|member_(pod|host|listen|port|backup_port)_pg\\d+|pooler_(pod|host|listen|port|pcp_port)_\\d+"
                    + "|(local|host)(\\s+\\S+){2,3}");

    private static final Pattern REPOSITORY = Pattern.compile("repo1-(type|path|gcs-[a-z-]+)=.*");

    @Test
    void scriptsAreTheSameTextInTheClusterAndLocally() {
        for (Map<String, String>[] pair : pairs()) {
            for (String script : Topologies.scripts()) {
                if (pair[0].containsKey(script)) {
                    assertThat(pair[1].get(script)).as(script).isEqualTo(pair[0].get(script));
                }
            }
        }
    }

    @Test
    void configurationDiffersOnlyWhereItNamesAnAddressAPortOrAPath() {
        for (Map<String, String>[] pair : pairs()) {
            for (String file : pair[0].keySet()) {
                // The repository is placement as a whole: a GCS bucket there, a folder here.
                List<String> cluster = pair[0].get(file).lines().filter(l -> !REPOSITORY.matcher(l).matches()).toList();
                List<String> local = pair[1].get(file).lines().filter(l -> !REPOSITORY.matcher(l).matches()).toList();
                assertThat(local).as("%s has as many lines in both", file).hasSameSizeAs(cluster);
                for (int i = 0; i < cluster.size(); i++) {
                    if (!cluster.get(i).equals(local.get(i))) {
                        assertThat(key(cluster.get(i))).as("%s line %d: %s / %s", file, i + 1, cluster.get(i), local.get(i))
                                .matches(PLACEMENT).isEqualTo(key(local.get(i)));
                    }
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyScriptParses() {
        return everyScript().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Path file = Files.createTempFile("script", ".sh");
            try {
                Files.writeString(file, e.getValue());
                Process p = new ProcessBuilder("bash", "-n", file.toString()).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                assertThat(p.waitFor()).as(out).isZero();
            } finally {
                Files.delete(file);
            }
        }));
    }

    /**
     * The defect of the old images: PgPool's binaries are outside PATH in its image, so a bare {@code pgpool} or
     * {@code pcp_attach_node} fails there. Every server program is called by the absolute path rendered from one
     * place ({@link DataTierFiles#PG_BIN}, {@link DataTierFiles#PGPOOL_BIN}, {@link DataTierFiles#PGBACKREST}),
     * and those paths exist here, where the same Debian packages are installed as in the data-tier image.
     */
    @Test
    void serverProgramsAreCalledByTheirAbsolutePath() throws IOException {
        Pattern bare = Pattern.compile("(^|[;&|(]\\s*|\\bexec\\s+|\\$\\()(pgpool|pcp_\\w+|psql|pg_\\w+|initdb|postgres"
                + "|pgbackrest)\\b(?!\\s*=)");
        for (var e : everyScript().entrySet()) {
            for (String line : e.getValue().lines().map(String::strip).filter(l -> !l.startsWith("#")).toList()) {
                // Quoted text is an argument (SQL, a message), not a command.
                assertThat(bare.matcher(line.replaceAll("\"[^\"]*\"", "\"\"")).find()).as("%s calls a program by bare name: %s", e.getKey(), line).isFalse();
            }
        }
        for (String program : List.of(DataTierFiles.PG_BIN + "/postgres", DataTierFiles.PG_BIN + "/pg_rewind",
                DataTierFiles.PG_BIN + "/psql", DataTierFiles.PGPOOL_BIN + "/pgpool",
                DataTierFiles.PGPOOL_BIN + "/pcp_attach_node", DataTierFiles.PGBACKREST)) {
            assertThat(Path.of(program)).as("installed here as in the image").isExecutable();
        }
    }

    /** The defect of the old bootstrap: psql does not interpolate {@code -v} variables in {@code -c} commands. */
    @Test
    void noScriptPassesAVariableToACommandLineStatement() {
        Pattern variableInC = Pattern.compile("psql\\b.*-v\\s+(?!ON_ERROR_STOP)\\w+=.*-c");
        everyScript().forEach((name, text) -> {
            String joined = text.replace("\\\n", " ");
            assertThat(variableInC.matcher(joined).find()).as(name).isFalse();
        });
    }

    @Test
    void nothingIsLeftUnrendered() {
        everyFile().forEach((name, text) -> assertThat(text).as(name).doesNotContain("{{"));
    }

    @Test
    void pgpoolFailsOverOnlyWithAMajorityOfThree() {
        String conf = CLUSTER.pgpool().get("pgpool.conf");
        assertThat(conf).contains("use_watchdog = on", "failover_require_consensus = on",
                "failover_when_quorum_exists = on", "allow_multiple_failover_requests_from_node = off",
                "enable_consensus_with_half_votes = off", "auto_failback = on", "detach_false_primary = on");
        assertThat(conf.lines().filter(l -> l.startsWith("wd_port"))).hasSize(3);
        assertThat(conf.lines().filter(l -> l.startsWith("backend_hostname"))).hasSize(DEV.members());
    }

    private static String key(String line) {
        Matcher m = Pattern.compile("^\\s*([A-Za-z0-9_.-]+)\\s*=").matcher(line);
        if (m.find()) {
            return m.group(1);
        }
        return line.strip().replaceAll("\\s+", " ").replaceAll(" \\S+ scram-sha-256$", "");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>[]> pairs() {
        return List.of(new Map[] {CLUSTER.postgres(), LOCAL.postgres()}, new Map[] {CLUSTER.pgpool(), LOCAL.pgpool()},
                new Map[] {CLUSTER.backup(), LOCAL.backup()});
    }

    private static Map<String, String> everyFile() {
        Map<String, String> all = new HashMap<>();
        all.putAll(CLUSTER.postgres());
        all.putAll(CLUSTER.pgpool());
        all.putAll(CLUSTER.backup());
        return all;
    }

    private static Map<String, String> everyScript() {
        Map<String, String> scripts = new HashMap<>();
        everyFile().forEach((name, text) -> {
            if (name.endsWith(".sh")) {
                scripts.put(name, text);
            }
        });
        return scripts;
    }

}
