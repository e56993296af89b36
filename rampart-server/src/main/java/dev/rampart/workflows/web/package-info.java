/** The REST API of workflow definitions: {@code /api/v1/workflows} (docs/workflows.md). */
@NullMarked
package dev.rampart.workflows.web;

import org.jspecify.annotations.NullMarked;
