package io.vigil.alert.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EncodedCommandsTest {

    private static final Pattern FLAG = Pattern.compile(EncodedCommands.FLAG);
    /** "whoami" as PowerShell encodes it: Base64 of UTF-16LE. */
    private static final String WHOAMI = "dwBoAG8AYQBtAGkA";

    @Test
    void recognisesEveryAcceptedSpellingOfTheParameter() {
        for (String flag : List.of(
                "-EncodedCommand",
                "-encodedcommand",
                "-enc",
                "-ENC",
                "-ec",
                "-e",
                "-en",
                "-enco",
                "-encoded",
                "/enc",
                "/EncodedCommand",
                "\u2013enc",
                "\u2014e",
                "\u2015ec",
                "--enc",
                "--EncodedCommand",
                "/-e",
                "-\u2013ec",
                "\"-enc\"",
                "\"/EncodedCommand\"")) {
            assertTrue(
                    FLAG.matcher("powershell.exe -NoP " + flag + " " + WHOAMI).find(), flag);
        }
    }

    @Test
    void ignoresParametersThatOnlyLookAlike() {
        for (String line : List.of(
                "powershell.exe -ExecutionPolicy Bypass -File a.ps1",
                "powershell.exe -EncodedArguments x",
                "powershell.exe -Command \"Write-Output -encoding\"",
                "powershell.exe -file C:\\tools\\x-enc.ps1",
                "powershell.exe ---enc x",
                "powershell.exe -File \"C:\\a b\\-enc.ps1\"")) {
            assertFalse(FLAG.matcher(line).find(), line);
        }
    }

    @Test
    void decodesTheCommandWhenItIsUtf16Base64() {
        assertEquals(Optional.of("whoami"), EncodedCommands.decoded("pwsh -ec " + WHOAMI));
        assertEquals(Optional.empty(), EncodedCommands.decoded("pwsh -ec not-base64!"));
        assertEquals(Optional.empty(), EncodedCommands.decoded("pwsh -ec"));
        assertEquals(Optional.of("whoami"), EncodedCommands.decoded("pwsh --enc \"" + WHOAMI + "\""));
        assertEquals(Optional.of("whoami"), EncodedCommands.decoded("powershell \"-e\" " + WHOAMI));
    }
}
