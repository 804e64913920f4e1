package io.vigil.alert.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.alert.detection.Addresses;
import java.util.List;

/**
 * What a suppression rule asks of an alert's entities: {@code ip} (an address, in any spelling), {@code account} (a
 * name, without case), {@code machine} (the compromised machine's name, without case), {@code process} (the program
 * a process ran, by its full path or its file name, without case) or {@code malware} (the threat's name, without
 * case).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntityMatch(String type, String address, String name) {

    public static final List<String> TYPES = List.of("ip", "account", "machine", "process", "malware");

    /** Whether an alert on the named machine with these entities meets every one of the matches. */
    public static boolean all(List<EntityMatch> matches, String machineName, List<InvolvedEntity> entities) {
        return matches.stream().allMatch(match -> match.test(machineName, entities));
    }

    public boolean test(String machineName, List<InvolvedEntity> entities) {
        return switch (type) {
            case "ip" -> {
                String wanted = Addresses.normalize(address);
                yield entities.stream()
                        .anyMatch(entity -> "ip".equals(entity.type()) && wanted.equals(entity.address()));
            }
            case "account" ->
                entities.stream()
                        .anyMatch(entity -> "account".equals(entity.type()) && name.equalsIgnoreCase(entity.name()));
            case "machine" -> name.equalsIgnoreCase(machineName);
            case "process" ->
                entities.stream()
                        .anyMatch(entity -> "process".equals(entity.type()) && sameProgram(name, entity.name()));
            case "malware" ->
                entities.stream()
                        .anyMatch(entity -> "malware".equals(entity.type()) && name.equalsIgnoreCase(entity.name()));
            default -> false;
        };
    }

    /** A process's program named by its full path, or by its file name alone, whichever slashes the path uses. */
    private static boolean sameProgram(String wanted, String image) {
        if (image == null) {
            return false;
        }
        if (wanted.equalsIgnoreCase(image)) {
            return true;
        }
        int slash = Math.max(image.lastIndexOf('\\'), image.lastIndexOf('/'));
        return wanted.equalsIgnoreCase(image.substring(slash + 1));
    }
}
