/**
 * The engine's innermost loops ({@link org.openmoorcheh.engine.simd.Kernels}), in plain Java for
 * Java 17 and, in the multi-release jar, with the Vector API (SIMD) for Java 21 and later when the
 * {@code jdk.incubator.vector} module is present ({@code --add-modules jdk.incubator.vector}).
 * Both give bit-identical results, so the runtime never changes an answer.
 */
package org.openmoorcheh.engine.simd;
