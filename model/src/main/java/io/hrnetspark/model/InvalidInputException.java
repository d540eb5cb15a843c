package io.hrnetspark.model;

/**
 * A problem with something the user supplied (a file, a field, an option). Its message is one
 * sentence naming the thing and what to do, fit to print as is without a stack trace.
 */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
