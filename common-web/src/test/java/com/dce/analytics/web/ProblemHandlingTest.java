package com.dce.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ProblemHandlingTest {

    @Test
    void shouldReplaceDetailsThatNameJavaTypesOrParserSettings() {
        String leaky = "Failed to convert value of type 'java.lang.String[]' to required type "
                + "'java.util.ArrayList<java.lang.String>'";
        String parser = "Number value length (5001) exceeds the maximum allowed (1000, from "
                + "`StreamReadConstraints.getMaxNumberLength()`)";

        assertThat(ProblemHandling.forCallers(leaky, HttpStatus.BAD_REQUEST))
                .isEqualTo("The request is not valid: a parameter or the body has the wrong form or type.");
        assertThat(ProblemHandling.forCallers(parser, HttpStatus.BAD_REQUEST)).doesNotContain("`", "Constraints");
        assertThat(ProblemHandling.forCallers(null, HttpStatus.METHOD_NOT_ALLOWED))
                .isEqualTo("Method Not Allowed.");
    }

    @Test
    void shouldKeepDetailsWrittenForCallers() {
        String plain = "Required parameter 'from' is not present.";

        assertThat(ProblemHandling.forCallers(plain, HttpStatus.BAD_REQUEST)).isEqualTo(plain);
    }
}
