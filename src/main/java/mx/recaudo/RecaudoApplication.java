package mx.recaudo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class RecaudoApplication {
    public static void main(String[] args) {
        SpringApplication.run(RecaudoApplication.class, args);
    }
}
