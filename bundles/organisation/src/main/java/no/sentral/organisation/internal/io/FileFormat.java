package no.sentral.organisation.internal.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import no.sentral.api.failure.DomainException;

/** The file formats imports read and exports write. */
public enum FileFormat {
    CSV("text/csv; charset=UTF-8"),
    XLSX(Xlsx.MEDIA_TYPE);

    private final String mediaType;

    FileFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code csv} or {@code xlsx}. */
    public static FileFormat parse(String text) {
        for (FileFormat format : values()) {
            if (format.extension().equals(text)) {
                return format;
            }
        }
        throw DomainException.invalid("format", "csv or xlsx");
    }

    /** What a file's name says it is: a workbook when it ends in .xlsx, else CSV. */
    public static FileFormat ofFileName(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".xlsx") ? XLSX : CSV;
    }

    Csv.SheetWriter writer(OutputStream out, List<String> header) throws IOException {
        return this == XLSX ? Xlsx.write(out, header) : Csv.write(out, header);
    }
}
