// Package generator builds the pinzhi publication.
package generator
