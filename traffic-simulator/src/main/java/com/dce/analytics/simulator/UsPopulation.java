package com.dce.analytics.simulator;

import java.util.List;

/**
 * Where callers are: the 50 states, DC and Puerto Rico with their 2020 census population
 * (thousands) and standard-time UTC offset of the zone most of their people live in. Daylight
 * saving time is ignored: the curve stays an hour early in summer, which is close enough.
 */
final class UsPopulation {

    record State(String code, int thousands, int utcOffsetHours) {}

    static final List<State> STATES = List.of(
            new State("AL", 5024, -6),
            new State("AK", 733, -9),
            new State("AZ", 7152, -7),
            new State("AR", 3012, -6),
            new State("CA", 39538, -8),
            new State("CO", 5774, -7),
            new State("CT", 3606, -5),
            new State("DE", 990, -5),
            new State("FL", 21538, -5),
            new State("GA", 10712, -5),
            new State("HI", 1455, -10),
            new State("ID", 1839, -7),
            new State("IL", 12813, -6),
            new State("IN", 6786, -5),
            new State("IA", 3190, -6),
            new State("KS", 2938, -6),
            new State("KY", 4506, -5),
            new State("LA", 4658, -6),
            new State("ME", 1362, -5),
            new State("MD", 6177, -5),
            new State("MA", 7030, -5),
            new State("MI", 10077, -5),
            new State("MN", 5706, -6),
            new State("MS", 2961, -6),
            new State("MO", 6155, -6),
            new State("MT", 1084, -7),
            new State("NE", 1962, -6),
            new State("NV", 3105, -8),
            new State("NH", 1378, -5),
            new State("NJ", 9289, -5),
            new State("NM", 2118, -7),
            new State("NY", 20201, -5),
            new State("NC", 10439, -5),
            new State("ND", 779, -6),
            new State("OH", 11799, -5),
            new State("OK", 3959, -6),
            new State("OR", 4237, -8),
            new State("PA", 13003, -5),
            new State("RI", 1097, -5),
            new State("SC", 5118, -5),
            new State("SD", 887, -6),
            new State("TN", 6911, -6),
            new State("TX", 29146, -6),
            new State("UT", 3272, -7),
            new State("VT", 643, -5),
            new State("VA", 8631, -5),
            new State("WA", 7705, -8),
            new State("WV", 1794, -5),
            new State("WI", 5894, -6),
            new State("WY", 577, -7),
            new State("DC", 690, -5),
            new State("PR", 3286, -4));

    private UsPopulation() {}
}
