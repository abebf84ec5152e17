package org.openmoorcheh.engine.simd;

/**
 * Picks the {@link Kernels} once, when first used: the Vector API's when the runtime is Java 21 or
 * later, {@code jdk.incubator.vector} is in the boot layer and the jar carries them (a
 * multi-release jar built with a Java 21+ compiler); the scalar ones otherwise. The system
 * property {@code moorcheh.kernels=scalar} forces the scalar ones (for comparisons).
 */
final class KernelsChoice {

    static final Kernels KERNELS = choose();

    private static final String PANAMA = "org.openmoorcheh.engine.simd.PanamaKernels";

    private KernelsChoice() {
    }

    private static Kernels choose() {
        if ("scalar".equals(System.getProperty("moorcheh.kernels"))
                || Runtime.version().feature() < 21
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return new ScalarKernels();
        }
        try {
            return (Kernels) Class.forName(PANAMA).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // Not in this build (compiled without a Java 21+ compiler), or no usable vector shape.
            return new ScalarKernels();
        }
    }
}
