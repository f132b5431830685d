package com.dce.analytics.events.catalog;

/** The value types an event property can have on the wire. */
public enum PropertyType {
    /** Free text, at most 256 characters. */
    STRING,
    /** An identifier of a buyer, seller, agent, call…: 1–128 characters. */
    ID,
    /** One of a fixed set of strings. */
    ENUM,
    /** A whole number (JSON integer). */
    INTEGER,
    /** A decimal number (JSON number, or a string holding one). */
    DECIMAL,
    /** An amount of money in the account currency: a decimal with at most 4 decimals. */
    MONEY,
    /** JSON true or false. */
    BOOLEAN,
    /** A phone number (E.164 or 10 US digits); personal data, never stored in clear. */
    PHONE,
    /** A two-letter US state or territory code. */
    US_STATE
}
