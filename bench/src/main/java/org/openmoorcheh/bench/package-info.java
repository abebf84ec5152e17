/**
 * Benchmarks and evaluations. Each class is a {@code main} that prints its figures and the command
 * that produced them; none asserts on time. Run them with {@code bench/run <Class> [options]}.
 */
package org.openmoorcheh.bench;
