package io.shopplatform.manifests;

import static io.shopplatform.manifests.PerEnvironment.each;
import static org.assertj.core.api.Assertions.assertThat;

import io.shopplatform.manifests.validation.Schemas;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** Every synthesized document is valid for the API it will be applied to. */
class SchemaTests {

    @TestFactory
    Stream<DynamicNode> everyDocumentValidates() {
        return each("every document validates against its schema", m -> m.documents().stream(),
                (m, d) -> assertThat(Schemas.problems(d.body())).isEmpty());
    }
}
