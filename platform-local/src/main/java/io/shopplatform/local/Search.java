package io.shopplatform.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A single-node OpenSearch, the catalog's search engine, from its minimal distribution on Maven Central.
 * That distribution has no security plugin, so locally it is protected by listening on loopback only;
 * in the cluster the full image runs with its security plugin and the credentials from the Secret.
 */
final class Search {

    static final String NAME = "search";


    private final Context context;

    Search(Context context) {
        this.context = context;
    }

    String url() {
        return "http://127.0.0.1:" + context.layout().searchPort();
    }

    void up() {
        if (context.supervisor().running(NAME).isEmpty()) {
            context.supervisor().requireFree(NAME, context.layout().searchPort());
            context.supervisor().requireFree(NAME + " (transport)", context.layout().searchTransportPort());
            Path home = installation();
            Path data = context.layout().data().resolve(NAME);
            Files2.mkdirs(data);
            Files2.mkdirs(context.layout().logs().resolve(NAME));
            context.host().own(data);
            context.host().own(context.layout().logs());
            context.supervisor().start(NAME, List.of(home.resolve("bin/opensearch").toString(),
                    "-E", "discovery.type=single-node", "-E", "cluster.name=shop-local",
                    "-E", "network.host=127.0.0.1",
                    "-E", "http.port=" + context.layout().searchPort(), "-E", "transport.port=" + context.layout().searchTransportPort(),
                    "-E", "path.data=" + data, "-E", "path.logs=" + context.layout().logs().resolve(NAME)),
                    Map.of("OPENSEARCH_JAVA_HOME", System.getProperty("java.home"),
                            "OPENSEARCH_JAVA_OPTS", "-Xms512m -Xmx512m"), home);
        }
        context.supervisor().awaitReady(NAME, this::healthy, Duration.ofSeconds(120));
    }

    void down() {
        context.supervisor().stop(NAME, "TERM", Duration.ofSeconds(60));
    }

    boolean healthy() {
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build().send(
                    HttpRequest.newBuilder(URI.create(url() + "/_cluster/health")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && !r.body().contains("\"status\":\"red\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The unpacked distribution, copied from the runner's build into the state folder the service user owns. */
    private Path installation() {
        Path target = Path.of(Search.class.getProtectionDomain().getCodeSource().getLocation().getPath()).getParent();
        Path source;
        try (Stream<Path> dirs = Files.list(target.resolve("servers"))) {
            source = dirs.filter(d -> d.getFileName().toString().startsWith("opensearch-")).findFirst()
                    .orElseThrow(() -> new PlatformException("OpenSearch is missing from " + target.resolve("servers")
                            + "; rebuild the runner (./platform builds it)"));
        } catch (IOException e) {
            throw new PlatformException("OpenSearch is missing from " + target.resolve("servers"), e);
        }
        Path home = context.layout().dist().resolve(source.getFileName());
        if (!Files.isDirectory(home)) {
            Files2.mkdirs(context.layout().dist());
            Host.exec(List.of("cp", "-a", source.toString(), home.toString()), Map.of(), 120);
            context.host().own(context.layout().dist());
        }
        return home;
    }

}
