package org.clanet.workbench.pipeline;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.slf4j.LoggerFactory;

/** One log file per session (CLI run or workbench window) in the user's log folder. */
public final class SessionLog {

    private static volatile Path current;

    private SessionLog() {
    }

    /** Starts logging to {@code logDir/clanet-<timestamp>-<pid>.log}; returns the file. Idempotent. */
    public static synchronized Path start(Path logDir, String kind) {
        if (current != null) {
            return current;
        }
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            LoggerFactory.getLogger(SessionLog.class).warn("cannot create log folder {}: {}", logDir, e.getMessage());
            return null;
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path file = logDir.resolve("clanet-" + kind + "-" + stamp + "-" + ProcessHandle.current().pid() + ".log");
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            PatternLayoutEncoder enc = new PatternLayoutEncoder();
            enc.setContext(ctx);
            enc.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
            enc.start();
            FileAppender<ch.qos.logback.classic.spi.ILoggingEvent> app = new FileAppender<>();
            app.setContext(ctx);
            app.setName("session-file");
            app.setFile(file.toString());
            app.setEncoder(enc);
            app.start();
            Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.addAppender(app);
        }
        current = file;
        LoggerFactory.getLogger(SessionLog.class).info("CLANet Workbench {} session log", kind);
        return file;
    }

    /** The current session's log file, or null before {@link #start}. */
    public static Path current() {
        return current;
    }
}
