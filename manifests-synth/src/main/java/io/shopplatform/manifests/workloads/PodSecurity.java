package io.shopplatform.manifests.workloads;

import java.util.List;
import org.cdk8s.plus25.k8s.Capabilities;
import org.cdk8s.plus25.k8s.EmptyDirVolumeSource;
import org.cdk8s.plus25.k8s.PodSecurityContext;
import org.cdk8s.plus25.k8s.SeccompProfile;
import org.cdk8s.plus25.k8s.SecurityContext;
import org.cdk8s.plus25.k8s.Volume;
import org.cdk8s.plus25.k8s.VolumeMount;

/** The seed's pod security standard, applied to every pod the platform runs. */
public final class PodSecurity {
    /** Every container gets a writable /tmp on an emptyDir, since its root filesystem is read-only. */
    public static final String TMP = "tmp";

    private PodSecurity() {}

    /** {@code uid} is the image's own unprivileged user, so files it owns stay readable. */
    public static PodSecurityContext pod(int uid) {
        return PodSecurityContext.builder()
                .runAsNonRoot(true)
                .runAsUser(uid)
                .runAsGroup(uid)
                .fsGroup(uid)
                .seccompProfile(runtimeDefault())
                .build();
    }

    public static SecurityContext container() {
        return SecurityContext.builder()
                .runAsNonRoot(true)
                .allowPrivilegeEscalation(false)
                .privileged(false)
                .readOnlyRootFilesystem(true)
                .capabilities(Capabilities.builder().drop(List.of("ALL")).build())
                .seccompProfile(runtimeDefault())
                .build();
    }

    public static Volume scratch(String name) {
        return Volume.builder().name(name).emptyDir(EmptyDirVolumeSource.builder().build()).build();
    }

    public static VolumeMount mount(String volume, String path) {
        return VolumeMount.builder().name(volume).mountPath(path).build();
    }

    public static VolumeMount readOnly(String volume, String path) {
        return VolumeMount.builder().name(volume).mountPath(path).readOnly(true).build();
    }

    private static SeccompProfile runtimeDefault() {
        return SeccompProfile.builder().type("RuntimeDefault").build();
    }
}
