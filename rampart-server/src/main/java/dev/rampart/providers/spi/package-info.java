/**
 * The model-call interceptor chain: what other modules implement to screen, rewrite or mask model traffic
 * around every call the providers module makes.
 */
@NamedInterface("spi")
@NullMarked
package dev.rampart.providers.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
