package de.voicebooking.customer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** customer-service: customers by E.164 phone number, per tenant (DESIGN §5 step 3). */
@SpringBootApplication
@EnableScheduling
public class CustomerServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(CustomerServiceApplication.class, args);
    }
}
