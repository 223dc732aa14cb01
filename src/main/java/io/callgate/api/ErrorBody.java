package io.callgate.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Twilio's error document. */
public record ErrorBody(int code, String message, @JsonProperty("more_info") String moreInfo, int status) {

    public static ErrorBody of(int code, String message, int status) {
        return new ErrorBody(code, message, "https://www.twilio.com/docs/errors/" + code, status);
    }
}
