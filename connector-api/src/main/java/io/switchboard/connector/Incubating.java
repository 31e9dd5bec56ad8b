package io.switchboard.connector;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a part of the connector API that is new and may still change in a minor release. Everything not
 * marked keeps binary compatibility across a major version: the build compares the API with the previous
 * release and fails on an incompatible change, except in elements marked {@code @Incubating}. Use incubating
 * API knowing that a later 1.x may change it; once it has settled the mark is removed and it is stable.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.CONSTRUCTOR, ElementType.PACKAGE})
public @interface Incubating {

    /** The connector API version that introduced the element, for example {@code 1.1.0}. */
    String since() default "";
}
