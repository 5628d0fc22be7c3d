package io.shopplatform.manifests;

import static io.shopplatform.manifests.PerEnvironment.each;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.shopplatform.manifests.credentials.Credentials;
import io.shopplatform.manifests.network.FrontDoor;
import io.shopplatform.manifests.workloads.ServiceWorkload;
import io.shopplatform.model.Component;
import io.shopplatform.model.Kind;
import io.shopplatform.model.Port;
import io.shopplatform.model.Shop;
import io.shopplatform.model.Wiring;
import io.shopplatform.model.Wiring.Variable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Names, ports and configuration in the manifests are the model's. */
class ConsistencyTests {
    private static final Pattern SHOP_VARIABLE = Pattern.compile("\\$\\{(SHOP_[A-Z0-9_]+)");

    @TestFactory
    Stream<DynamicNode> servicesCarryTheModelsNamesAndPorts() {
        return each("each deployed component's Service has the model's name and ports", m -> deployed(m), (m, c) -> {
            Doc service = m.get("Service", c.name());
            List<Map<String, Object>> ports = service.list("spec", "ports");
            assertThat(ports).extracting(p -> p.get("name")).containsExactlyElementsOf(c.ports().stream().map(Port::name).toList());
            for (Port p : c.ports()) {
                Map<String, Object> sp = ports.stream().filter(x -> p.name().equals(x.get("name"))).findFirst().orElseThrow();
                boolean front = p.equals(c.mainPort()) && FrontDoor.isPublic(m.target().platform(), c.name());
                assertThat(sp.get("port")).as(c.name() + ":" + p.name()).isEqualTo(front ? FrontDoor.HTTP : p.number());
                assertThat(sp.get("targetPort")).isEqualTo(p.name());
            }
        });
    }

    @TestFactory
    Stream<DynamicNode> containersListenOnTheModelsPorts() {
        return each("each component's pods declare the model's ports", m -> deployed(m), (m, c) -> {
            Set<Map<String, Object>> declared = m.workloads().stream()
                    .filter(w -> c.name().equals(w.labels().get(Meta.NAME)))
                    .flatMap(w -> Doc.list(w.podSpec(), "containers").stream())
                    .flatMap(container -> Doc.list(container, "ports").stream())
                    .map(p -> Map.of("name", p.get("name"), "containerPort", p.get("containerPort")))
                    .collect(Collectors.toSet());
            assertThat(declared).containsExactlyInAnyOrderElementsOf(c.ports().stream()
                    .map(p -> Map.<String, Object>of("name", p.name(), "containerPort", p.number())).toList());
        });
    }

    @TestFactory
    Stream<DynamicNode> servicesAreConfiguredWithExactlyTheirWiring() {
        return each("each service's ConfigMap and Secret references carry exactly its Wiring variables",
                m -> m.target().platform().services().stream(), (m, s) -> {
                    List<Variable> wiring = Wiring.variablesOf(m.target().platform(), s.name());
                    Doc config = m.get("ConfigMap", ServiceWorkload.configMap(s.name()));
                    assertThat(config.map("data").keySet()).containsExactlyInAnyOrderElementsOf(
                            wiring.stream().filter(v -> !v.secret()).map(Variable::name).toList());
                    Map<String, Object> container = Doc.list(m.get("Deployment", s.name()).podSpec(), "containers").get(0);
                    assertThat(Doc.list(container, "envFrom")).extracting(e -> Doc.at(e, "configMapRef", "name"))
                            .containsExactly(ServiceWorkload.configMap(s.name()));
                    // Besides the model's shutdown timeout, a plain value (PolicyTests.servicesDrainBeforeTheyStop).
                    List<Map<String, Object>> env = Doc.list(container, "env").stream()
                            .filter(e -> !ServiceWorkload.SHUTDOWN_TIMEOUT.equals(e.get("name"))).toList();
                    assertThat(env).extracting(e -> e.get("name")).containsExactlyInAnyOrderElementsOf(
                            wiring.stream().filter(Variable::secret).map(Variable::name).toList());
                    assertThat(env).allSatisfy(e -> assertThat(Doc.at(e, "valueFrom", "secretKeyRef", "name"))
                            .isEqualTo(Credentials.serviceSecret(s.name())));
                });
    }

    @TestFactory
    Stream<DynamicNode> endpointsPointAtTheModelsComponents() {
        return each("each endpoint a service is given names a component it may reach, on the edge's port",
                m -> m.target().platform().services().stream(), (m, s) -> {
                    Map<String, Object> data = m.get("ConfigMap", ServiceWorkload.configMap(s.name())).map("data");
                    for (var edge : m.target().platform().edgesFrom(s.name())) {
                        Component to = m.target().platform().component(edge.to());
                        if (Wiring.variables(m.target().platform(), edge).isEmpty() || to.kind() == Kind.EXTERNAL) {
                            continue;   // no client config, or a party outside the cluster (ownSettingsAndTheMailRelay)
                        }
                        String port = ":" + to.port(edge.port()).number();
                        assertThat(data.values()).as(edge.toString())
                                .anyMatch(v -> v.toString().contains(to.name() + "." + m.env().namespace()) && v.toString().contains(port));
                    }
                });
    }

    @TestFactory
    Stream<DynamicNode> ownSettingsAndTheMailRelayHaveTheirClusterValues() {
        return each("the user service mails through the relay and links to the shop's domain; the gateway trusts one proxy",
                m -> Stream.of(m.target().platform().component(Shop.USER)), (m, user) -> {
                    Map<String, Object> data = m.get("ConfigMap", ServiceWorkload.configMap(Shop.USER)).map("data");
                    assertThat(data).containsEntry("SHOP_MAIL_HOST", Shop.MAIL_RELAY_HOST)
                            .containsEntry("SHOP_MAIL_PORT", String.valueOf(Shop.SMTP.number()))
                            .containsEntry(Wiring.PUBLIC_ORIGIN, "https://" + m.target().site().domain())
                            .containsEntry("SHOP_USER_KEY_ROTATE_EVERY", Shop.SIGNING_KEY_ROTATION.toHours() + "h");
                    assertThat(m.get("ConfigMap", ServiceWorkload.configMap(Shop.GATEWAY)).map("data"))
                            .containsEntry("SHOP_TRUSTED_PROXIES", "1")
                            .containsEntry(Wiring.PUBLIC_ORIGIN, "https://" + m.target().site().domain());
                    assertThat(Credentials.passwords(m.target())).as("generated per environment by infra")
                            .contains("user-key-secret");
                });
    }

    /** Services' own configuration may only read the variables the model wires to them. */
    @TestFactory
    Stream<DynamicNode> servicesReadOnlyTheirWiredVariables() throws IOException {
        // Run from manifests-synth/ (as Maven does): the services' sources are beside it. Without them, nothing here
        // would be checked, so that is a failure, not a pass.
        Path services = Path.of("..", "services");
        assertThat(services).as("the services' sources, beside manifests-synth").isDirectory();
        try (Stream<Path> files = Files.walk(services)) {
            List<Path> configs = files.filter(f -> f.getFileName().toString().matches("application.*\\.ya?ml"))
                    .filter(f -> f.toString().contains("src" + java.io.File.separator + "main"))
                    .sorted()
                    .toList();
            assertThat(configs).as("services' application*.yml under " + services).isNotEmpty();
            return configs.stream()
                    .map(f -> dynamicTest(f.toString(), () -> {
                        String service = services.relativize(f).getName(0).toString();
                        Set<String> wired = Wiring.variablesOf(Shop.PLATFORM, service).stream()
                                .map(Variable::name).collect(Collectors.toSet());
                        Matcher used = SHOP_VARIABLE.matcher(Files.readString(f));
                        while (used.find()) {
                            assertThat(wired).as(service + " reads " + used.group(1)).contains(used.group(1));
                        }
                    }))
                    .toList().stream().map(DynamicNode.class::cast);
        }
    }

    /** The images Jib builds (configured once in the root pom) are what the manifests expect them to be. */
    @Test
    void serviceImagesAreNamedListenAndRunAsTheManifestsExpect() throws Exception {
        Map<String, String> props = pomProperties(Path.of("..", "pom.xml"));
        assertThat(Integer.parseInt(props.get("shop.image.uid"))).isEqualTo(ServiceWorkload.UID);
        assertThat(List.of(props.get("shop.image.http-port"), props.get("shop.image.management-port")))
                .containsExactly(String.valueOf(Shop.HTTP.number()), String.valueOf(Shop.MANAGEMENT.number()));
        List<Path> modules;
        try (Stream<Path> dirs = Files.list(Path.of("..", "services"))) {
            modules = dirs.filter(d -> Files.isRegularFile(d.resolve("src/main/resources/application.yml"))).toList();
        }
        assertThat(modules).as("service modules (with an application.yml) under ../services").isNotEmpty();
        for (Path module : modules) {
            String service = module.getFileName().toString();
            String artifactId = text(module.resolve("pom.xml"), "/project/artifactId");
            assertThat(props.get("shop.image.registry") + "/" + artifactId).as(service)
                    .isEqualTo(Shop.PLATFORM.component(service).image().orElseThrow().repository());
        }
    }

    private static Map<String, String> pomProperties(Path pom) throws Exception {
        Map<String, String> props = new java.util.HashMap<>();
        var nodes = (org.w3c.dom.NodeList) XPathFactory.newInstance().newXPath()
                .evaluate("/project/properties/*", document(pom), XPathConstants.NODESET);
        for (int i = 0; i < nodes.getLength(); i++) {
            props.put(nodes.item(i).getNodeName(), nodes.item(i).getTextContent().trim());
        }
        return props;
    }

    private static String text(Path xml, String path) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(path, document(xml)).trim();
    }

    private static org.w3c.dom.Document document(Path xml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(xml.toFile());
    }

    private static Stream<Component> deployed(Manifests m) {
        return m.target().platform().components().stream()
                .filter(c -> c.kind() != Kind.EXTERNAL && c.kind() != Kind.JOB && c.kind() != Kind.TASK);
    }
}
