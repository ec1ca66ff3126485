/**
 * Implementation of the ServiceTitan client shared between its packages: the retry policy, the failure classifier and
 * the other parts users never call. Nothing here is API: it changes without notice, and no public signature outside
 * this package names one of its types (an ArchUnit test checks it).
 */
@NullMarked
package io.github.servicetitan4j.internal;

import org.jspecify.annotations.NullMarked;
