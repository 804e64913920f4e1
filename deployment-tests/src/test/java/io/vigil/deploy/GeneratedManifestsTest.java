package io.vigil.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * quarkus-kubernetes writes each service's ServiceAccount, Service and Deployment to target/kubernetes/kubernetes.yml
 * from the settings in application.properties (and the shared ones in vigil-common). The copy under k8s/base is what
 * kustomize deploys, so it must be exactly what this build generated. When scripts/test.sh builds the images into its
 * registry on loopback, the images are named there; that name, and nothing else, is read as the default one.
 */
class GeneratedManifestsTest {

    static final java.util.List<String> SERVICES = Project.SERVICES;

    /** Where quarkus-kubernetes says the images are when no registry is configured. */
    private static final String DEFAULT_REGISTRY = "docker.io";

    @ParameterizedTest
    @FieldSource("SERVICES")
    void theCommittedManifestIsWhatTheBuildGenerates(String service) throws IOException {
        Path generated = Project.ROOT.resolve(service).resolve("target/kubernetes/kubernetes.yml");
        Path committed = Project.k8s().resolve("base").resolve(service).resolve("kubernetes.yml");
        assertTrue(Files.exists(generated), generated + " is missing: build the service first");

        String registry = System.getProperty("vigil.images.registry", "");
        String text = Files.readString(generated);
        if (!registry.isBlank()) {
            text = text.replace("image: " + registry + "/vigil/", "image: " + DEFAULT_REGISTRY + "/vigil/");
        }

        assertEquals(
                text,
                Files.readString(committed),
                Project.ROOT.relativize(committed) + " differs from what the build generates; after checking the"
                        + " difference, copy it: cp " + Project.ROOT.relativize(generated) + " "
                        + Project.ROOT.relativize(committed));
    }
}
