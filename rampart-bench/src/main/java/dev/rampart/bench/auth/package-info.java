/** The {@code auth} subcommand: what authentication and authorization cost per request, and refresh-token rotation. */
@NullMarked
package dev.rampart.bench.auth;

import org.jspecify.annotations.NullMarked;
