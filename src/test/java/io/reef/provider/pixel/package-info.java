/**
 * Pixel, a third provider that exists only in test scope: the proof that a provider is one package.
 * A tiny image API with its own routes ({@code /pixel/...}), its own statuses ({@code waiting},
 * {@code drawing}, {@code done}, {@code broken}, {@code stopped}), its own cost unit (points:
 * 1 point = $0.001) and its own error envelope ({@code {"problem": {"code", "detail"}}}). Its SPI
 * bean, tenant-facing resource, upstream client, simulated API and contract driver all live here;
 * nothing outside this package names it, and it joins the provider contract suite and the
 * architecture rules without a line changed elsewhere.
 */
package io.reef.provider.pixel;
