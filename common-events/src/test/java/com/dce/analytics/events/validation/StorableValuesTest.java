package com.dce.analytics.events.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StorableValuesTest {

    private static final BigDecimal LIMIT = BigDecimal.TEN.pow(StorableValues.MAX_INTEGER_DIGITS);

    @Test
    void shouldAgreeWithExpandedArithmeticOnRandomNumbers() {
        // oracle: compare the fully expanded value with 10^18 and count its decimals the slow way
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            BigInteger unscaled = new BigInteger(1 + random.nextInt(90), random);
            if (random.nextBoolean()) {
                unscaled = unscaled.negate();
            }
            BigDecimal number = new BigDecimal(unscaled, random.nextInt(80) - 40);
            boolean inRange = number.abs().compareTo(LIMIT) < 0;
            String plain = number.toPlainString();
            int dot = plain.indexOf('.');
            String decimals = dot < 0 ? "" : plain.substring(dot + 1).replaceAll("0+$", "");
            boolean precise = decimals.length() <= StorableValues.MAX_DECIMALS;

            String problem = StorableValues.numberProblem(number);

            assertThat(problem)
                    .as("%s", number)
                    .isEqualTo(
                            !inRange ? StorableValues.NUMBER_RANGE : !precise ? StorableValues.NUMBER_PRECISION : null);
            if (problem == null) {
                BigDecimal normalized = StorableValues.normalized(number);
                assertThat(normalized).isEqualByComparingTo(number);
                assertThat(normalized.toPlainString())
                        .hasSizeLessThanOrEqualTo(
                                2 + StorableValues.MAX_INTEGER_DIGITS + StorableValues.MAX_DECIMALS + plain.length());
                assertThat(normalized.scale()).isBetween(0, Math.max(StorableValues.MAX_DECIMALS, number.scale()));
            }
        }
    }

    @Test
    void shouldAnswerExtremeExponentsWithoutExpandingThem() {
        assertThat(StorableValues.numberProblem(new BigDecimal("1e999999999"))).isEqualTo(StorableValues.NUMBER_RANGE);
        assertThat(StorableValues.numberProblem(new BigDecimal("1e-999999999")))
                .isEqualTo(StorableValues.NUMBER_PRECISION);
        assertThat(StorableValues.numberProblem(new BigDecimal("0e-999999999"))).isNull();
        assertThat(StorableValues.normalized(new BigDecimal("0e-999999999")).toPlainString())
                .isEqualTo("0");
    }

    @Test
    void shouldFindNulAndUnpairedSurrogatesOnly() {
        assertThat(StorableValues.textProblem("plain text, émoji 😀")).isNull();
        assertThat(StorableValues.textProblem("a" + (char) 0 + "b")).contains("NUL");
        assertThat(StorableValues.textProblem("x" + (char) 0xD83D)).contains("surrogate");
        assertThat(StorableValues.textProblem((char) 0xDE00 + "x")).contains("surrogate");
    }
}
