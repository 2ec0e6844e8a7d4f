package io.videostore.cli;

/**
 * The user ended the wizard (end of input or quit); nothing is saved.
 */
final class WizardAbortedException extends RuntimeException {

	WizardAbortedException(String message) {
		super(message);
	}

}
