package io.videostore.cli.wizard;

/**
 * The user ended the wizard (end of input or quit); nothing is saved.
 */
final class WizardAbortedException extends RuntimeException {

	WizardAbortedException(String message) {
		super(message);
	}

}
