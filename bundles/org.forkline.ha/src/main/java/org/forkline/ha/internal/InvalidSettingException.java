package org.forkline.ha.internal;

/** A configuration value that cannot be used; the message names the file, the key, the value and the rule. */
public final class InvalidSettingException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidSettingException(String file, String key, Object value, String rule) {
        super(file + ": " + key + " = '" + value + "' is invalid: " + rule);
    }
}
