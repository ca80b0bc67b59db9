package com.leadloader.cli;

import java.util.Map;
import java.util.Stack;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Takes each {@code --param NAME=VALUE} into the option's map, refusing a name given twice with
 * different values: a repeated name otherwise kept the last value without a word, and loaded (and
 * named the run after) what the user did not mean. The same name and value twice is harmless and
 * taken. A refusal is a usage error (exit 2); it does not repeat the values, which may be anything.
 */
final class ParamConsumer implements CommandLine.IParameterConsumer {

    @Override
    public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
        if (args.isEmpty()) {
            throw new CommandLine.MissingParameterException(commandSpec.commandLine(), argSpec,
                    "Missing required parameter for option '--param' (NAME=VALUE)");
        }
        String arg = args.pop();
        int eq = arg.indexOf('=');
        if (eq < 0) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(),
                    "--param '" + arg + "' has no '=': give it as NAME=VALUE (e.g. --param day=2026-12-01)");
        }
        String name = arg.substring(0, eq);
        String value = arg.substring(eq + 1);
        Map<String, String> params = argSpec.getValue();
        String before = params.get(name);
        if (before != null && !before.equals(value)) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(),
                    "--param " + name + " is given twice, with different values; give each parameter once");
        }
        params.put(name, value);
    }
}
