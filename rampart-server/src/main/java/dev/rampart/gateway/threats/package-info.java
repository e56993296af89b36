/** Threat detection: per-principal and per-tenant windows of traffic, isolation forests that score them, and the reaction to anomalies. */
@NullMarked
package dev.rampart.gateway.threats;

import org.jspecify.annotations.NullMarked;
