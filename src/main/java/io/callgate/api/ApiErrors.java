package io.callgate.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns every failure on the Twilio-compatible surfaces into Twilio's error body. Requests that
 * never reach a controller (unknown path, wrong method or content type) are answered by
 * {@link UnroutedApiRequests}.
 */
@RestControllerAdvice(annotations = TwilioApi.class)
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ErrorBody> api(ApiException e) {
        var response = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        if (e.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())));
        }
        return response.body(ErrorBody.of(e.code(), e.getMessage(), e.status().value()));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ErrorBody> missing(MissingServletRequestParameterException e) {
        return api(ApiException.missingParameter(e.getParameterName()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ErrorBody> mismatch(MethodArgumentTypeMismatchException e) {
        return api(ApiException.invalidParameter(e.getName()));
    }

    /**
     * Tomcat refuses to read the form when parameters are first asked for: a streamed (chunked)
     * body over the form size limit, which no declared length let {@link BodyLimit} catch, or a
     * body it cannot decode.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ErrorBody> unreadableForm(InvalidParameterException e) {
        if (e.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value()) {
            return api(new ApiException(HttpStatus.CONTENT_TOO_LARGE, 60200, "Request body too large"));
        }
        return api(new ApiException(HttpStatus.BAD_REQUEST, 60200, "The form body could not be read"));
    }

    /** A JSON body (admin API) that is not JSON or does not fit the resource. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorBody> unreadableBody(HttpMessageNotReadableException e) {
        return api(new ApiException(HttpStatus.BAD_REQUEST, 60200, "The request body could not be read"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorBody> unexpected(Exception e) {
        log.error("unexpected failure on the API", e);
        return api(new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, 20500, "Internal server error"));
    }
}
