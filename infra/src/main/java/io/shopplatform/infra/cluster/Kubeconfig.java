package io.shopplatform.infra.cluster;

/**
 * A kubeconfig for one GKE cluster. It holds no credential: kubectl and the Pulumi Kubernetes provider ask
 * gke-gcloud-auth-plugin for a short-lived token from whoever runs them (gcloud auth login, or CI's identity).
 */
final class Kubeconfig {

    static final String AUTH_PLUGIN = "gke-gcloud-auth-plugin";

    private Kubeconfig() {}

    static String render(String clusterName, String endpoint, String caCertificate) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: https://%2$s
                    certificate-authority-data: %3$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s
                current-context: %1$s
                users:
                - name: %1$s
                  user:
                    exec:
                      apiVersion: client.authentication.k8s.io/v1beta1
                      command: %4$s
                      installHint: Install gke-gcloud-auth-plugin (gcloud components install gke-gcloud-auth-plugin)
                      provideClusterInfo: true
                """.formatted(clusterName, endpoint, caCertificate, AUTH_PLUGIN);
    }
}
