package io.shopplatform.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.ErrorResponseException;

/**
 * This service's calls to the services its model edges allow (product, inventory, payment), each with its own
 * token and the configured timeouts. Answers come back as status and JSON whatever the status: the callers decide
 * what a 409 or a 503 means for them. A call that gets no answer (refused, timed out) throws {@link Unavailable}.
 */
@Component
public class ServiceCalls {

    /** The answer of another service: its status and its JSON body ({@code MissingNode} when it had none). */
    public record Reply(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** A failure worth trying again later: the callee is overloaded, restarting or failing over. */
        public boolean transientFailure() {
            return status >= 500 || status == 429 || status == 408;
        }

        public String text(String field) {
            return body.path(field).asText(null);
        }
    }

    /**
     * The callee did not answer (or this service had no token to call it with): try again later. Reaching a client,
     * a 503 problem.
     */
    public static class Unavailable extends ErrorResponseException {
        public Unavailable(String message, Throwable cause) {
            super(HttpStatus.SERVICE_UNAVAILABLE, unavailable(), cause);
            this.message = message;
        }

        private final String message;

        @Override
        public String getMessage() {
            return message;
        }

        private static ProblemDetail unavailable() {
            ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "a service the shop needs for this did not answer; try again shortly");
            p.setTitle("Try again");
            return p;
        }
    }

    private final RestClient http;
    private final ObjectMapper json;
    private final CallerToken token;
    private final OrderProperties props;

    ServiceCalls(RestClient.Builder builder, ObjectMapper json, CallerToken token, OrderProperties props) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(props.callTimeout()).build());
        factory.setReadTimeout(props.callTimeout());
        this.http = builder.requestFactory(factory).build();
        this.json = json;
        this.token = token;
        this.props = props;
    }

    public Reply product(HttpMethod method, String path) {
        return call(props.productUrl(), method, path, null, Map.of(), false);
    }

    public Reply inventory(HttpMethod method, String path, Object body) {
        return call(props.inventoryUrl(), method, path, body, Map.of(), true);
    }

    public Reply payment(HttpMethod method, String path, Object body, Map<String, String> headers) {
        return call(props.paymentUrl(), method, path, body, headers, true);
    }

    private Reply call(URI base, HttpMethod method, String path, Object body, Map<String, String> headers,
                       boolean withToken) {
        try {
            RestClient.RequestBodySpec request = http.method(method).uri(base.resolve(path))
                    .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
            headers.forEach(request::header);
            if (withToken) {
                request.header(HttpHeaders.AUTHORIZATION, token.bearer());
            }
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            return request.exchange((req, res) -> {
                byte[] bytes = res.getBody().readAllBytes();
                JsonNode parsed = MissingNode.getInstance();
                if (bytes.length > 0) {
                    try {
                        parsed = json.readTree(bytes);
                    } catch (IOException notJson) {
                        parsed = MissingNode.getInstance();   // a proxy's HTML error page: the status says enough
                    }
                }
                return new Reply(res.getStatusCode().value(), parsed);
            });
        } catch (ResourceAccessException e) {
            throw new Unavailable(method + " " + base.resolve(path) + ": " + e.getMessage(), e);
        }
    }
}
