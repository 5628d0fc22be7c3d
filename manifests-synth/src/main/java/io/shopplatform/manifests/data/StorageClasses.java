package io.shopplatform.manifests.data;

import io.shopplatform.manifests.Meta;
import java.util.Map;
import org.cdk8s.plus25.k8s.KubeStorageClass;
import org.cdk8s.plus25.k8s.KubeStorageClassProps;
import org.cdk8s.plus25.k8s.ObjectMeta;
import software.constructs.Construct;

/** The seed's storage classes on GKE's persistent-disk CSI driver; each environment is its own cluster. */
public final class StorageClasses extends Construct {

    public StorageClasses(Construct scope) {
        super(scope, "storage-classes");
        for (Storage s : Storage.values()) {
            new KubeStorageClass(this, s.className, KubeStorageClassProps.builder()
                    .metadata(ObjectMeta.builder().name(s.className).labels(Meta.platformLabels(s.className)).build())
                    .provisioner("pd.csi.storage.gke.io")
                    .parameters(Map.of("type", s.diskType))
                    // A volume is created in the zone its pod is scheduled to, not before.
                    .volumeBindingMode("WaitForFirstConsumer")
                    .allowVolumeExpansion(true)
                    .reclaimPolicy(s.reclaimPolicy)
                    .build());
        }
    }
}
