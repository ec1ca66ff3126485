package io.github.servicetitan4j.benchmarks;

import java.util.Arrays;

/**
 * Order statistics of measured samples.
 */
final class Stats {

	private Stats() {
	}

	static double median(double[] samples) {
		return percentile(samples, 50);
	}

	/** The nearest-rank percentile: the smallest sample with at least {@code p} percent of samples at or below it. */
	static double percentile(double[] samples, double p) {
		double[] sorted = samples.clone();
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

	static double min(double[] samples) {
		return Arrays.stream(samples).min().orElse(Double.NaN);
	}

	static double max(double[] samples) {
		return Arrays.stream(samples).max().orElse(Double.NaN);
	}

	/** Element-wise {@code a[i] / b[i]}: the ratio of each round, whose spread says how noisy the machine was. */
	static double[] ratios(double[] a, double[] b) {
		double[] ratios = new double[a.length];
		for (int i = 0; i < a.length; i++) {
			ratios[i] = a[i] / b[i];
		}
		return ratios;
	}

}
