/**
 * For authors of REST resources: the types and annotations from which Sentral both builds the OpenAPI
 * document at {@code /api/v1/openapi.json} and shapes and checks what it serves, so that the two cannot
 * drift apart.
 *
 * <p>A resource method's return type states its success answer: a plain type is {@code 200} with that
 * body, {@code void} is {@code 204}, {@link Created} is {@code 201} with {@code Location}, {@link Versioned}
 * is {@code 200} with an {@code ETag}, {@link Accepted} is {@code 202}. The constraint annotations
 * ({@link Required}, {@link Size}, {@link Range}, {@link Format}, {@link Pattern}) on the components of
 * request records and on query and header parameters appear in the document's schemas, and the REST
 * layer refuses a request that breaks one with {@code 422} before the resource method runs.
 */
package no.sentral.api.spi.rest;
