/** The run endpoints: {@code POST /api/v1/agents/{id}/runs} and {@code /api/v1/runs}. */
@NullMarked
package dev.rampart.executions.web;

import org.jspecify.annotations.NullMarked;
