/// Original demo content written for Byline.
public enum BylineDemo {}
